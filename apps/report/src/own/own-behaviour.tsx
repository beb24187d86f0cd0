import { textDirection } from '@vangnet/core/icu/direction';
import {
  OWN_BEHAVIOUR_PAGES,
  type OwnBehaviourPath,
  ownBehaviourServices,
} from '@vangnet/core/pack/own-behaviour';
import { useApp } from '../app-context.ts';
import { ContactList } from '../contact-list.tsx';
import { useI18n } from '../i18n/index.ts';
import { Markdown } from '../knowledge/markdown.tsx';
import { type Screen, useNav } from '../nav.ts';
import { packTextIn } from '../pack.ts';
import { Title } from '../shell.tsx';
import { SpokenIn } from '../spoken-in.tsx';

/** The screen of each path; `own` is the calm screen that offers them. */
export const OWN_SCREENS = {
  regret: 'own-regret',
  'might-do': 'own-might-do',
  'make-it-right': 'own-make-it-right',
} as const satisfies Record<OwnBehaviourPath, Screen>;

const PATH_OF: Record<string, OwnBehaviourPath> = Object.fromEntries(
  Object.entries(OWN_SCREENS).map(([path, screen]) => [screen, path as OwnBehaviourPath]),
);

/**
 * Help for someone worried about their own behaviour. Nothing here makes a report or sends anything:
 * the screens show words without blame, the pack's page and whom to contact, and the reader chooses.
 */
export function OwnBehaviour({ screen }: { screen: Screen }) {
  const path = PATH_OF[screen];
  return path ? <OwnPath path={path} /> : <OwnChoice />;
}

/** "Nothing is sent" in one place, so every screen of the route says it the same way. */
function NothingSent() {
  const { t } = useI18n();
  return (
    <p class="nothing-sent" data-testid="own-nothing-sent">
      {t.ownNothingSent}
    </p>
  );
}

function OwnChoice() {
  const { t } = useI18n();
  const nav = useNav();
  const choices: { path: OwnBehaviourPath; title: string; hint: string }[] = [
    { path: 'regret', title: t.ownRegret, hint: t.ownRegretHint },
    { path: 'might-do', title: t.ownMightDo, hint: t.ownMightDoHint },
    { path: 'make-it-right', title: t.ownMakeItRight, hint: t.ownMakeItRightHint },
  ];
  return (
    <section class="screen own-behaviour">
      <Title>{t.ownTitle}</Title>
      <p class="lead">{t.ownIntro}</p>
      <NothingSent />
      <div class="choices">
        {choices.map((c) => (
          <button key={c.path} type="button" class="choice" onClick={() => nav.go(OWN_SCREENS[c.path])}>
            <span class="choice-title">{c.title}</span>
            <span class="choice-hint">{c.hint}</span>
          </button>
        ))}
      </div>
    </section>
  );
}

function OwnPath({ path }: { path: OwnBehaviourPath }) {
  const { t, lang } = useI18n();
  const { pack } = useApp();
  const words: Record<OwnBehaviourPath, { title: string; text: string }> = {
    regret: { title: t.ownRegret, text: t.ownRegretText },
    'might-do': { title: t.ownMightDo, text: t.ownMightDoText },
    'make-it-right': { title: t.ownMakeItRight, text: t.ownMakeItRightText },
  };
  const slug = OWN_BEHAVIOUR_PAGES[path];
  // The page in the reader's language, else in the pack's default language (then marked as such).
  const own = pack?.pages[lang]?.[slug];
  const fallbackLang = pack?.meta.defaultLanguage;
  const page = own ?? (fallbackLang ? pack?.pages[fallbackLang]?.[slug] : undefined);
  const pageLang = own ? lang : (fallbackLang ?? lang);
  const services = ownBehaviourServices(pack?.services ?? [], path);
  return (
    <section class="screen own-behaviour">
      <Title>{words[path].title}</Title>
      <p class="lead">{words[path].text}</p>
      <NothingSent />
      {page && (
        <div class="own-page" lang={pageLang} dir={textDirection(pageLang)} data-testid="own-page">
          <h2>{page.title}</h2>
          <Markdown source={page.markdown} />
        </div>
      )}
      <h2>{t.ownWho}</h2>
      {services.length === 0 && <p>{t.ownNone}</p>}
      <ul class="services">
        {services.map((s) => {
          const about = packTextIn(pack, lang, `services.${s.id}.description`);
          return (
            <li key={s.id} class="line">
              <h3>
                {s.name}
                <SpokenIn languages={s.languages} />
              </h3>
              {about && <p lang={about.lang}>{about.text}</p>}
              {s.anonymous && <p>{t.ownAnonymous}</p>}
              <ContactList service={s} name={s.name} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
