import { crisisLineContacts } from '@vangnet/core/pack/contact-actions';
import { useApp } from '../app-context.ts';
import { ContactList } from '../contact-list.tsx';
import { crisisDescription, emergencyNumbers } from '../crisis-text.ts';
import { stepAfter } from '../flow/steps.ts';
import { formatHours } from '../hours.ts';
import { keepLtr } from '../i18n/bidi.ts';
import { useI18n } from '../i18n/index.ts';
import { useNav } from '../nav.ts';
import { Title } from '../shell.tsx';
import { SpokenIn } from '../spoken-in.tsx';
import { CheckNote, lineHoursUnchecked } from '../unverified.tsx';

/**
 * "Help now": the country's crisis and help lines with opening hours and every channel each lists (calls,
 * text numbers, chat), through the same ContactList as the help screens: a channel says it is free, and
 * its own hours when they differ from the line's. Works offline: the lines come from the cached pack or,
 * on a first offline visit, from the built-in list. In the report flow (a danger or self-harm answer) it offers to go on with the report. Hours, numbers
 * and chats the pack marks unverified carry a visible "check before you call" note.
 *
 * It starts with what to do in danger: call the emergency number (the numbers of the pack's line for a
 * `danger` answer) and say where you are. Then each line says, in the pack's words, what it is for.
 */
export function Crisis({ inFlow }: { inFlow: boolean }) {
  const { t, lang } = useI18n();
  const { crisis, pack } = useApp();
  const nav = useNav();
  const emergency = emergencyNumbers(crisis);
  return (
    <section class="screen crisis">
      <Title>{t.crisisTitle}</Title>
      {emergency.length > 0 && (
        <div class="emergency" data-testid="crisis-emergency">
          <p class="emergency-title">
            <strong>{t.crisisEmergencyTitle}</strong>
          </p>
          <p>{t.crisisEmergency(emergency.map((n) => keepLtr(n, lang)).join(` ${t.crisisOr} `))}</p>
        </div>
      )}
      <p class="lead">{t.crisisIntro}</p>
      <h2 class="lines-title">{t.crisisWhoTitle}</h2>
      <ul class="lines">
        {crisis.map((line) => {
          const hours = formatHours(line.hours, lang, t.crisisAlways);
          const service = pack?.services.find((s) => s.id === line.service);
          const description = crisisDescription(pack, lang, line.id);
          return (
            <li key={line.id} class="line">
              <h3>
                <bdi>{line.name}</bdi>
                <SpokenIn languages={line.languages} />
              </h3>
              {description && (
                <p class="line-for" lang={description.lang === lang ? undefined : description.lang}>
                  {description.text}
                </p>
              )}
              <p class="hours">
                {hours === null
                  ? t.crisisHoursUnknown
                  : line.hours === 'always'
                    ? hours
                    : `${t.crisisHours}: ${hours}`}
                {hours !== null && lineHoursUnchecked(line) && <CheckNote />}
              </p>
              <ContactList service={crisisLineContacts(line, service)} name={line.name} />
            </li>
          );
        })}
      </ul>
      {inFlow && (
        <div class="flow-continue">
          <p>{t.crisisFlowNote}</p>
          <button type="button" class="primary-btn" onClick={() => nav.go(stepAfter(nav.previous))}>
            {t.crisisContinue}
          </button>
        </div>
      )}
    </section>
  );
}
