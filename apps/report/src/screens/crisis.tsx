import { useApp } from '../app-context.ts';
import { stepAfter } from '../flow/steps.ts';
import { formatHours } from '../hours.ts';
import { useI18n } from '../i18n/index.ts';
import { useNav } from '../nav.ts';
import { packTextIn } from '../pack.ts';
import { Title } from '../shell.tsx';

/**
 * "Help now": the country's crisis and help lines with tap-to-call links and opening hours. Works
 * offline: the lines come from the cached pack or, on a first offline visit, from the built-in list.
 * In the report flow (a danger or self-harm answer) it offers to go on with the report.
 */
export function Crisis({ inFlow }: { inFlow: boolean }) {
  const { t, lang } = useI18n();
  const { crisis, pack } = useApp();
  const nav = useNav();
  return (
    <section class="screen crisis">
      <Title>{t.crisisTitle}</Title>
      <p class="lead">{t.crisisIntro}</p>
      <ul class="lines">
        {crisis.map((line) => {
          const hours = formatHours(line.hours, lang, t.crisisAlways);
          return (
            <li key={line.id} class="line">
              <h2>{line.name}</h2>
              {hours && <p class="hours">{line.hours === 'always' ? hours : `${t.crisisHours}: ${hours}`}</p>}
              <div class="line-actions">
                {line.phones.map((phone) => {
                  const shown = phone.display ?? phone.number;
                  const label = packTextIn(pack, lang, phone.label);
                  return (
                    <a key={phone.number} class="call" href={`tel:${phone.number}`}>
                      {t.crisisCall(shown)}
                      {label && (
                        <span class="call-label" lang={label.lang}>
                          {label.text}
                        </span>
                      )}
                    </a>
                  );
                })}
                {line.chat && (
                  <a class="chat" href={line.chat.url} rel="noopener noreferrer" target="_blank">
                    {t.crisisChat}: {line.name}
                  </a>
                )}
              </div>
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
