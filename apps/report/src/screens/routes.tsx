import { useState } from 'preact/hooks';
import { useApp } from '../app-context.ts';
import { ContactList } from '../contact-list.tsx';
import { useI18n } from '../i18n/index.ts';
import { packTextIn } from '../pack.ts';
import { formatLeadTime } from '../send/lead-time.ts';
import { Title } from '../shell.tsx';
import { SpokenIn } from '../spoken-in.tsx';
import { shownLeadTime } from '../unverified.tsx';

const AUDIENCES = ['young', 'parent', 'school'] as const;
type Audience = (typeof AUDIENCES)[number];

/**
 * The route map "Melden & Helpen" from the country pack: which organisation helps with what and how
 * fast it answers, in one view each for young people, parents and schools. A lead time nobody agreed is
 * left out; an unchecked number or address carries a "check before you call" note.
 */
export function Routes() {
  const { t, lang } = useI18n();
  const { pack } = useApp();
  const [audience, setAudience] = useState<Audience>('young');
  const labels: Record<Audience, string> = {
    young: t.routesYoung,
    parent: t.routesParents,
    school: t.routesSchools,
  };
  // The pack's own title for this audience heads its part, unless it only repeats the screen's title.
  const own = packTextIn(pack, lang, `routeMap.${audience}.title`);
  const title = own && own.text !== t.routesTitle ? own : undefined;
  const intro = packTextIn(pack, lang, `routeMap.${audience}.intro`);
  const services = (pack?.services ?? []).filter(
    (s) => s.audience.includes(audience) && s.kind !== 'platform',
  );
  return (
    <section class="screen routes">
      <Title>{t.routesTitle}</Title>
      <div class="route-tabs">
        {AUDIENCES.map((a) => (
          <button
            key={a}
            type="button"
            class={audience === a ? 'primary-btn' : 'secondary-btn'}
            aria-pressed={audience === a}
            onClick={() => setAudience(a)}
          >
            {labels[a]}
          </button>
        ))}
      </div>
      <h2 lang={title && title.lang !== lang ? title.lang : undefined}>{title?.text ?? labels[audience]}</h2>
      {intro && <p lang={intro.lang}>{intro.text}</p>}
      <ul class="services">
        {services.map((s) => {
          const about = packTextIn(pack, lang, `services.${s.id}.description`);
          const feedback = packTextIn(pack, lang, `services.${s.id}.feedback`);
          const leadTime = shownLeadTime(s);
          return (
            <li key={s.id} class="line">
              <h3>
                <bdi>{s.name}</bdi>
                <SpokenIn languages={s.languages} />
              </h3>
              {about && <p lang={about.lang}>{about.text}</p>}
              <p>
                <strong>{t.routesHandles}:</strong>{' '}
                {s.handles.map((code) => t.categories[code]?.[0] ?? code).join(', ')}
              </p>
              {leadTime && <p>{t.routesWithin(formatLeadTime(leadTime, lang))}</p>}
              {feedback && <p lang={feedback.lang === lang ? undefined : feedback.lang}>{feedback.text}</p>}
              <ContactList service={s} name={s.name} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
