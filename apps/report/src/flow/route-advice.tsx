import { type RoutingPack, routeReport } from '@vangnet/core/routing/route-report';
import type { AgeBand, CategoryCode, Role } from '@vangnet/core/taxonomy';
import { useApp } from '../app-context.ts';
import { useI18n } from '../i18n/index.ts';
import { useNav } from '../nav.ts';
import { type PublicPack, packTextIn } from '../pack.ts';
import type { Draft } from './draft.ts';

/**
 * The advice ids of the route these answers take (e.g. sextortion: do-not-pay, stop-contact), or none
 * while the answers that choose a route are missing. RoutingPack asks for whole services, but routing
 * reads only ids and lead times, which the public pack keeps.
 */
export function routeAdvice(
  pack: PublicPack | null,
  answers: { category?: CategoryCode; role?: Role; ageBand?: AgeBand; flags: Draft['flags'] },
): string[] {
  const { category, role, ageBand, flags } = answers;
  if (!pack || !category || !role || !ageBand) return [];
  return routeReport(pack as unknown as RoutingPack, { category, role, ageBand, flags })?.advice ?? [];
}

/**
 * The route's advice from the pack, after "it is not your fault", so a child who picks blackmail with
 * photos reads "do not pay, stop the contact" before anything else happens. Shown on the step where the
 * route is known (how things are now) and again on the receipt.
 */
export function RouteAdvice({ advice }: { advice: readonly string[] }) {
  const { t, lang } = useI18n();
  const { pack } = useApp();
  const texts = advice
    .map((id) => ({ id, text: packTextIn(pack, lang, `advice.${id}`) }))
    .filter((a) => a.text !== undefined);
  if (texts.length === 0) return null;
  return (
    <section class="advice" aria-labelledby="route-advice-title" data-testid="route-advice">
      <h2 id="route-advice-title">{t.adviceTitle}</h2>
      <ul>
        <li>{t.adviceNotYourFault}</li>
        {texts.map(({ id, text }) => (
          <li key={id} lang={text?.lang === lang ? undefined : text?.lang}>
            {text?.text}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * What the route says to do next, on the receipt and on "what can I do" for a situation: a danger or
 * self-harm answer puts talking to someone now before any waiting time, then the route's advice.
 */
export function RouteNextSteps({
  crisisFirst,
  advice,
}: {
  crisisFirst?: boolean;
  advice: readonly string[];
}) {
  const { t } = useI18n();
  const nav = useNav();
  return (
    <>
      {crisisFirst && (
        <div class="flow-continue">
          <p>{t.crisisIntro}</p>
          <button type="button" class="call" onClick={() => nav.go('crisis')}>
            {t.startNeedHelp}
          </button>
        </div>
      )}
      <RouteAdvice advice={advice} />
    </>
  );
}
