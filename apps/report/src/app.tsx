import { textDirection } from '@vangnet/core/icu/direction';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { AppContext, type AppValue } from './app-context.ts';
import {
  I18nContext,
  type I18nValue,
  isLang,
  LANGUAGES,
  type Lang,
  loadMessages,
  type Messages,
  pickLanguage,
} from './i18n/index.ts';
import { withPackWording } from './i18n/pack-wording.ts';
import { lazyScreen } from './lazy.tsx';
import { readLocal, writeLocal } from './lib/storage.ts';
import { NavContext, type Screen, useNavState } from './nav.ts';
import { cachedPack, type PublicPack, usePack } from './pack.ts';
import { listenForQuickExitKey } from './quick-exit.ts';
import { Crisis } from './screens/crisis.tsx';
import { Start } from './screens/start.tsx';
import { OUTBOX_FLAG } from './send/outbox-types.ts';
import { Shell } from './shell.tsx';
import { shellCrisis } from './shell-crisis.ts';

const Flow = lazyScreen<{ screen: Screen }>(() => import('./flow/flow.tsx').then((m) => m.Flow));
const ChatScreen = lazyScreen<object>(() => import('./chat/chat-screen.tsx').then((m) => m.ChatScreen));
const Follow = lazyScreen<object>(() => import('./follow/follow.tsx').then((m) => m.Follow));
const PlatformGuide = lazyScreen<object>(() => import('./platform/guide.tsx').then((m) => m.PlatformGuide));
// The home-agreements tool and its PDF writer load only when a family opens it.
const Agreements = lazyScreen<object>(() => import('./agreements/agreements.tsx').then((m) => m.Agreements));
const Help = lazyScreen<object>(() => import('./screens/help.tsx').then((m) => m.Help));
// The knowledge centre's page (with the Markdown renderer) and "what can I do" for a situation.
const PageScreen = lazyScreen<{ slug: string }>(() =>
  import('./knowledge/page-screen.tsx').then((m) => m.PageScreen),
);
const Situation = lazyScreen<object>(() => import('./knowledge/situation.tsx').then((m) => m.Situation));
const Routes = lazyScreen<object>(() => import('./screens/routes.tsx').then((m) => m.Routes));
// Help for someone worried about their own behaviour: sends nothing, loads only when opened.
const OwnBehaviour = lazyScreen<{ screen: Screen }>(() =>
  import('./own/own-behaviour.tsx').then((m) => m.OwnBehaviour),
);

const LANG_KEY = 'vn.lang';
const DISCREET_KEY = 'vn.discreet';

/**
 * The pack's languages and default: from the pack, else from the page the server wrote (so a first
 * visit knows them from the first byte), else the languages the app carries.
 */
function packLanguages(pack: PublicPack | null): { languages: readonly Lang[]; fallback: Lang } {
  const shell = shellCrisis();
  const languages = pack?.meta?.languages?.map((l) => l.code) ?? shell?.languages ?? LANGUAGES;
  const fallback = pack?.meta?.defaultLanguage ?? shell?.defaultLanguage ?? languages[0] ?? 'nl';
  return { languages: languages.length ? languages : LANGUAGES, fallback };
}

function initialLang(): Lang {
  const { languages, fallback } = packLanguages(cachedPack());
  const stored = readLocal(LANG_KEY);
  if (isLang(stored) && languages.includes(stored)) return stored;
  return pickLanguage(navigator.languages ?? [navigator.language], languages, fallback);
}

/** Installed under a plain name and icon: swap the manifest before the user adds the app. */
function applyDiscreet(on: boolean): void {
  const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
  if (link) link.href = on ? '/discreet.webmanifest' : '/manifest.webmanifest';
}

function ScreenView({ screen }: { screen: Screen }) {
  if (screen.startsWith('page:')) return <PageScreen slug={screen.slice('page:'.length)} />;
  switch (screen) {
    case 'start':
      return <Start />;
    case 'crisis':
      return <Crisis inFlow={false} />;
    case 'crisis-flow':
      return <Crisis inFlow={true} />;
    case 'help':
      return <Help />;
    case 'routes':
      return <Routes />;
    case 'follow':
      return <Follow />;
    case 'chat':
      return <ChatScreen />;
    case 'platform-guide':
      return <PlatformGuide />;
    case 'agreements':
      return <Agreements />;
    case 'situation':
      return <Situation />;
    case 'own':
    case 'own-regret':
    case 'own-might-do':
    case 'own-make-it-right':
      return <OwnBehaviour screen={screen} />;
    default:
      return <Flow screen={screen} />;
  }
}

export function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [messages, setMessages] = useState<{ lang: Lang; t: Messages } | null>(null);
  const [online, setOnline] = useState(navigator.onLine);
  const [discreet, setDiscreetState] = useState(readLocal(DISCREET_KEY) === '1');
  const nav = useNavState();
  const { pack, crisis } = usePack();

  const { languages, fallback } = useMemo(() => packLanguages(pack), [pack]);
  useEffect(() => {
    let live = true;
    // A pack's language that cannot be had (offline on a first visit): the pack's default, else one the app carries.
    const backup = (LANGUAGES as readonly string[]).includes(fallback) ? fallback : 'en';
    loadMessages(lang)
      .then((t) => ({ lang, t }))
      .catch(() => loadMessages(backup).then((t) => ({ lang: backup, t })))
      .then((loaded) => {
        if (!live) return;
        setMessages(loaded);
        document.documentElement.lang = loaded.lang;
        // Arabic (and any language in a right-to-left script) mirrors the whole page; styles use logical properties.
        document.documentElement.dir = textDirection(loaded.lang);
      });
    writeLocal(LANG_KEY, lang);
    return () => {
      live = false;
    };
  }, [lang, fallback]);

  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    addEventListener('online', up);
    addEventListener('offline', down);
    const stopKeys = listenForQuickExitKey();
    // A report sealed earlier but not yet sent goes now, and whenever the phone comes back online.
    const kick = () => {
      if (readLocal(OUTBOX_FLAG) === '1') void import('./send/outbox.ts').then((m) => m.processOutbox());
    };
    kick();
    addEventListener('online', kick);
    return () => {
      removeEventListener('online', up);
      removeEventListener('offline', down);
      stopKeys();
      removeEventListener('online', kick);
    };
  }, []);

  useEffect(() => applyDiscreet(discreet), [discreet]);

  // The first screen is on show with its handlers attached: what bench/report-tti.bench.ts measures.
  useEffect(() => {
    if (messages && performance.getEntriesByName('vn:interactive').length === 0)
      performance.mark('vn:interactive');
  }, [messages]);

  const app = useMemo<AppValue>(
    () => ({
      pack,
      crisis,
      online,
      discreet,
      setDiscreet: (on) => {
        writeLocal(DISCREET_KEY, on ? '1' : '0');
        setDiscreetState(on);
      },
    }),
    [pack, crisis, online, discreet],
  );
  const i18n = useMemo<I18nValue | null>(
    // The pack's own wording for some texts in this language (Flemish words in BE-VL's Dutch).
    () =>
      messages
        ? {
            lang: messages.lang,
            t: withPackWording(messages.t, pack?.texts[messages.lang]),
            setLang,
            languages,
          }
        : null,
    [messages, pack, languages],
  );

  if (!i18n) return null;
  return (
    <I18nContext.Provider value={i18n}>
      <AppContext.Provider value={app}>
        <NavContext.Provider value={nav}>
          <Shell>
            <ScreenView key={`${nav.depth}:${nav.screen}`} screen={nav.screen} />
          </Shell>
        </NavContext.Provider>
      </AppContext.Provider>
    </I18nContext.Provider>
  );
}
