import { type RoutingPack, routeReport } from '@vangnet/core/routing/route-report';
import { isUrgent } from '@vangnet/core/sla/deadlines';
import { BrandMark } from '@vangnet/ui/brand';
import { SealedIllustration } from '@vangnet/ui/illustrations';
import { useApp } from '../app-context.ts';
import { useBrand } from '../brand.ts';
import { forgetDraft, useDraft } from '../flow/draft.ts';
import { RouteNextSteps } from '../flow/route-advice.tsx';
import { useI18n } from '../i18n/index.ts';
import { wordsFor } from '../i18n/role-words.ts';
import { useNav } from '../nav.ts';
import { Title } from '../shell.tsx';
import { SpokenIn } from '../spoken-in.tsx';
import { formatLeadTime } from './lead-time.ts';
import { ReceiptCode } from './receipt-code.tsx';

/**
 * The end of the flow: the code, large, and what happens next. Only the helpline that received the report
 * makes a promise (its own first-contact target from pack.yaml `sla`); services further down the route do
 * not have the report, so they are listed as "can help too", without a time.
 */
export function Receipt() {
  const { t: base, lang } = useI18n();
  const { pack } = useApp();
  const nav = useNav();
  const draft = useDraft();
  const brand = useBrand();
  if (!draft?.receipt) return null;
  // Worded for the reporter's role: a parent reads "your report", in French with "vous".
  const t = wordsFor(base, draft.role);
  const { category, role, ageBand, flags } = draft;
  // RoutingPack asks for whole services, but routing reads only ids and lead times, which the public
  // pack keeps (it drops just the connector settings).
  const route =
    pack && category && role && ageBand
      ? routeReport(pack as unknown as RoutingPack, { category, role, ageBand, flags })
      : null;
  const helplineTime =
    pack && category
      ? pack.meta.sla.firstContact[isUrgent(pack, { category, flags }) ? 'urgent' : 'default']
      : undefined;
  const others = (route?.services ?? [])
    .filter((s) => s.serviceId !== pack?.meta.helpline.id && !s.crisis)
    .map((s) => {
      const service = pack?.services.find((x) => x.id === s.serviceId);
      return { id: s.serviceId, name: service?.name ?? s.serviceId, languages: service?.languages };
    });
  // The platform the child named, when the pack knows it: its guide and a notice are one tap away.
  const platformName =
    draft.platform && draft.platform !== 'other'
      ? pack?.platforms.find((p) => p.id === draft.platform)?.name
      : undefined;
  return (
    <section class="screen receipt-screen">
      {/* Sealed and delivered: a picture of it beside the words, for a child who reads slowly. */}
      <div class="receipt-sealed">
        <SealedIllustration />
        <p class="done">{t.sendingDone}</p>
      </div>
      <Title>{t.receiptTitle}</Title>
      <ReceiptCode code={draft.receipt} />
      {route && <RouteNextSteps crisisFirst={route.crisisFirst} advice={route.advice} />}
      {brand && (
        // Whose report it now is: the helpline's mark and name (pack branding, helpline.name).
        <p class="receipt-brand" data-testid="receipt-brand">
          <BrandMark brand={brand} label={brand.helplineName} />
        </p>
      )}
      <h2>{t.receiptNext}</h2>
      <p data-testid="receipt-next">
        {pack && `${t.receiptHas(pack.meta.helpline.name)} `}
        {helplineTime ? t.receiptAnswer(formatLeadTime(helplineTime, lang)) : t.receiptSoon}
      </p>
      {others.length > 0 && (
        <>
          <h2>{t.receiptAlsoTitle}</h2>
          <p>{t.receiptAlsoNote}</p>
          <ul class="services" data-testid="receipt-also">
            {others.map((s) => (
              <li key={s.id}>
                <bdi>{s.name}</bdi>
                <SpokenIn languages={s.languages} />
              </li>
            ))}
          </ul>
        </>
      )}
      <button type="button" class="secondary-btn" onClick={() => nav.go('situation')}>
        {t.receiptKnowledge}
      </button>
      {platformName && (
        <button type="button" class="secondary-btn" onClick={() => nav.go('platform-guide')}>
          {t.receiptPlatform(platformName)}
        </button>
      )}
      <div class="actions">
        <button type="button" class="primary-btn" onClick={() => nav.go('follow')}>
          {t.receiptFollow}
        </button>
        <button
          type="button"
          class="secondary-btn"
          onClick={() => {
            // Leaving the receipt forgets the code on this device: it is the reporter's to keep.
            forgetDraft();
            nav.home();
          }}
        >
          {t.receiptStart}
        </button>
      </div>
    </section>
  );
}
