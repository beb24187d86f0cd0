import { textDirection } from '@vangnet/core/icu/direction';
import type { PackMeta } from '@vangnet/core/pack/schema';
import { BrandMark, shellBrand } from '@vangnet/ui/brand';
import { ICON_GLOBE, Icon } from '@vangnet/ui/icons';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ChatQueue } from './chat/chat-queue.tsx';
import { LiveChat } from './chat/live-chat.tsx';
import { getJson, postJson, setUnauthorisedHandler } from './lib/api.ts';
import { type Instance, InstanceContext, normalisePack } from './lib/instance.ts';
import { consoleLanguages, isConsoleLanguage, languageName, setConsoleLanguage } from './lib/language.ts';
import { workerMay } from './lib/may.ts';
import { hrefOf, onLinkClick, useRoute } from './lib/router.ts';
import {
  currentSession,
  endSession,
  helplineIdentity,
  lock,
  lockAfterInactivity,
  subscribe,
} from './lib/session.ts';
import { text, textLanguage } from './lib/text.ts';
import { withTrustedRecipients } from './lib/trusted-recipients.ts';
import type { InstanceConfig } from './lib/types.ts';
import { CaseView } from './screens/case-view.tsx';
import { ExportScreen } from './screens/export-screen.tsx';
import { FiguresScreen } from './screens/figures.tsx';
import { HelplineKeyScreen } from './screens/helpline-key.tsx';
import { Queue } from './screens/queue.tsx';
import { Security } from './screens/security.tsx';
import { SignIn } from './screens/sign-in.tsx';
import { SupervisorScreen } from './screens/supervisor.tsx';
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
  // Changing the language swaps the catalog behind `text`; this state re-renders every screen with it.
  const [, setLanguage] = useState(textLanguage);
  const languageMenu = <LanguageMenu onChanged={setLanguage} />;

  useEffect(() => setUnauthorisedHandler(endSession), []);
  useEffect(() => (session ? lockAfterInactivity(INACTIVITY_MS) : undefined), [session]);
  useEffect(() => {
    if (!session || instance) return;
    void Promise.all([
      getJson<InstanceConfig>('/config'),
      getJson<unknown>('/pack'),
      // The workflow is staff-only; without it the status form falls back to the default steps.
      getJson<PackMeta['statusWorkflow']>('/staff/workflow').catch(() => null),
    ]).then(([config, pack, workflow]) => {
      const view = normalisePack(pack, config, workflow);
      setInstance({ config: withTrustedRecipients(config, view.meta.helpline.trustAnchors), pack: view });
    });
  }, [session, instance]);

  if (!session || !unlocked) {
    return (
      <>
        <header class="top">
          <span class="brand">
            <ConsoleName />
          </span>
          {languageMenu}
        </header>
        {session ? <Unlock /> : <SignIn />}
      </>
    );
  }
  return (
    <>
      <a class="skip-link" href="#main">
        {text.skipToContent}
      </a>
      <Header
        email={session.email}
        languageMenu={languageMenu}
        supervisor={instance !== null && workerMay('case.audit', instance.pack)}
        figures={instance !== null && workerMay('stats.read', instance.pack)}
        admin={instance !== null && workerMay('worker.manage', instance.pack)}
        enrolmentOnly={session.mustAddPasskey === true}
      />
      {session.mustAddPasskey ? (
        // Passkeys are required and this worker has none: the server allows nothing else yet.
        <Security />
      ) : instance ? (
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

/** The console's language, from the pack's languages; remembered in this browser only. */
function LanguageMenu({ onChanged }: { onChanged: (lang: string) => void }) {
  const languages = consoleLanguages();
  if (languages.length < 2) return null;
  return (
    <span class="language-menu">
      {/* A globe names the menu on screen; the label names it for a screen reader, in any language. */}
      <Icon d={ICON_GLOBE} />
      <label for="console-language" class="visually-hidden">
        {text.language.menu}
      </label>
      <select
        id="console-language"
        value={textLanguage}
        onChange={(e) => {
          const lang = e.currentTarget.value;
          if (isConsoleLanguage(lang)) void setConsoleLanguage(lang, true).then(() => onChanged(lang));
        }}
      >
        {languages.map((l) => (
          <option key={l} value={l} lang={l} dir={textDirection(l)}>
            {languageName(l)}
          </option>
        ))}
      </select>
    </span>
  );
}

/** The helpline's mark (pack branding, written into the page by the server) and the console's own name. */
function ConsoleName() {
  const brand = shellBrand();
  if (!brand) return <>{text.appName}</>;
  return (
    <>
      <BrandMark brand={brand} /> <span class="console-name">{text.appName}</span>
    </>
  );
}

function Header({
  email,
  languageMenu,
  supervisor,
  figures,
  admin,
  enrolmentOnly,
}: {
  email: string;
  languageMenu: ComponentChildren;
  supervisor: boolean;
  figures: boolean;
  admin: boolean;
  enrolmentOnly: boolean;
}) {
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
        <ConsoleName />
      </a>
      <a href={hrefOf({ name: 'chats' })} onClick={onLinkClick({ name: 'chats' })}>
        {text.chats.nav}
      </a>
      {supervisor && (
        <a href={hrefOf({ name: 'supervisor' })} onClick={onLinkClick({ name: 'supervisor' })}>
          {text.supervisor.nav}
        </a>
      )}
      {figures && (
        <a href={hrefOf({ name: 'figures' })} onClick={onLinkClick({ name: 'figures' })}>
          {text.figures.nav}
        </a>
      )}
      {admin && (
        <a href={hrefOf({ name: 'keys' })} onClick={onLinkClick({ name: 'keys' })}>
          {text.helplineKey.nav}
        </a>
      )}
      {languageMenu}
      {/* Cut short to fit the line; read out whole, and shown whole on hover. */}
      <span class="muted who" title={email}>
        {email}
      </span>
      {!enrolmentOnly && (
        <a href={hrefOf({ name: 'security' })} onClick={onLinkClick({ name: 'security' })}>
          {text.passkeys.nav}
        </a>
      )}
      <button type="button" onClick={lock}>
        {text.signIn.lock}
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
    const titles = {
      queue: text.queue.title,
      supervisor: text.supervisor.title,
      figures: text.figures.title,
      export: text.exportScreen.title,
      case: text.case.title,
      security: text.passkeys.title,
      keys: text.helplineKey.title,
      chats: text.chats.title,
      chat: text.chats.chatTitle,
    } as const;
    document.title = `${titles[route.name]} · ${text.appName}`;
  }, [route, textLanguage]);
  if (route.name === 'supervisor') return <SupervisorScreen />;
  if (route.name === 'figures') return <FiguresScreen />;
  if (route.name === 'security') return <Security />;
  if (route.name === 'keys') return <HelplineKeyScreen />;
  if (route.name === 'chats') return <ChatQueue />;
  if (route.name === 'chat') return <LiveChat key={route.id} id={route.id} />;
  if (route.name === 'case') return <CaseView key={route.id} id={route.id} />;
  if (route.name === 'export') return <ExportScreen key={route.id} id={route.id} />;
  return <Queue />;
}
