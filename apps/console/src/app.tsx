import type { PackMeta } from '@vangnet/core/pack/schema';
import { useEffect, useState } from 'preact/hooks';
import { getJson, postJson, setUnauthorisedHandler } from './lib/api.ts';
import { type Instance, InstanceContext, normalisePack } from './lib/instance.ts';
import { onLinkClick, useRoute } from './lib/router.ts';
import {
  currentSession,
  endSession,
  helplineIdentity,
  lock,
  lockAfterInactivity,
  subscribe,
} from './lib/session.ts';
import { text } from './lib/text.ts';
import type { InstanceConfig } from './lib/types.ts';
import { CaseView } from './screens/case-view.tsx';
import { ExportScreen } from './screens/export-screen.tsx';
import { Queue } from './screens/queue.tsx';
import { SignIn } from './screens/sign-in.tsx';
import { Unlock } from './screens/unlock.tsx';

/**
 * Lock after this long without a key press or click (the keys leave memory). `?lockAfter=<ms>` may
 * only shorten it (tests, shared desks), never lengthen it.
 */
const DEFAULT_LOCK_MS = 10 * 60_000;
const INACTIVITY_MS = Math.min(
  Number(new URLSearchParams(location.search).get('lockAfter')) || DEFAULT_LOCK_MS,
  DEFAULT_LOCK_MS,
);

function useSession() {
  const [, setTick] = useState(0);
  useEffect(() => subscribe(() => setTick((n) => n + 1)), []);
  return { session: currentSession(), unlocked: helplineIdentity() !== null };
}

export function App() {
  const { session, unlocked } = useSession();
  const [instance, setInstance] = useState<Instance | null>(null);

  useEffect(() => setUnauthorisedHandler(endSession), []);
  useEffect(() => (session ? lockAfterInactivity(INACTIVITY_MS) : undefined), [session]);
  useEffect(() => {
    if (!session || instance) return;
    void Promise.all([
      getJson<InstanceConfig>('/config'),
      getJson<unknown>('/pack'),
      // The workflow is staff-only; without it the status form falls back to the default steps.
      getJson<PackMeta['statusWorkflow']>('/staff/workflow').catch(() => null),
    ]).then(([config, pack, workflow]) =>
      setInstance({ config, pack: normalisePack(pack, config, workflow) }),
    );
  }, [session, instance]);

  if (!session) return <SignIn />;
  if (!unlocked) return <Unlock />;
  return (
    <>
      <a class="skip-link" href="#main">
        {text.skipToContent}
      </a>
      <Header email={session.email} />
      {instance ? (
        <InstanceContext.Provider value={instance}>
          <Screens />
        </InstanceContext.Provider>
      ) : (
        <main id="main">
          <p aria-live="polite">…</p>
        </main>
      )}
    </>
  );
}

function Header({ email }: { email: string }) {
  async function signOut() {
    try {
      await postJson('/staff/logout', {});
    } finally {
      endSession();
    }
  }
  return (
    <header class="top">
      <a href="/console/" class="brand" onClick={onLinkClick({ name: 'queue' })}>
        {text.appName}
      </a>
      <span class="muted who">{email}</span>
      <button type="button" onClick={lock}>
        Lock
      </button>
      <button type="button" onClick={signOut}>
        {text.signIn.signOut}
      </button>
    </header>
  );
}

function Screens() {
  const route = useRoute();
  useEffect(() => {
    document.title =
      route.name === 'queue'
        ? `${text.queue.title} · ${text.appName}`
        : `${route.name === 'export' ? text.exportScreen.title : 'Case'} · ${text.appName}`;
  }, [route]);
  if (route.name === 'case') return <CaseView key={route.id} id={route.id} />;
  if (route.name === 'export') return <ExportScreen key={route.id} id={route.id} />;
  return <Queue />;
}
