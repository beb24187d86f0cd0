import { DEFAULT_STATUS_TRANSITIONS } from '@vangnet/core/permissions/status-change';
import { availableParts, partnerContent, type SharedPart } from '@vangnet/core/routing/partner-content';
import type { ReferralReach } from '@vangnet/core/routing/referral-reach';
import type { Ref } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { leadTimeText } from '../case/lead-time-text.ts';
import type { OpenedCase } from '../case/open-case.ts';
import { ApiError, getJson, postJson } from '../lib/api.ts';
import { loadCrypto } from '../lib/crypto.ts';
import { useInstance } from '../lib/instance.ts';
import { currentSession } from '../lib/session.ts';
import { errorText, text } from '../lib/text.ts';

/** What `GET /staff/cases/:id/referrals` answers (docs/contracts.md, "Warm referral"). */
type Proposal = {
  serviceId: string;
  name: string;
  order: number;
  firstContact: string;
  handover: string;
  crisis: boolean;
  reach: ReferralReach;
  recipient: string | null;
  leadTimesUnverified: boolean;
};
type Referral = {
  referralId: string;
  serviceId: string;
  state: 'queued' | 'failed' | 'delivered' | 'acknowledged' | 'outcome';
  attempts: number;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  acknowledgedAt: string | null;
  outcome: string | null;
  shared: string[];
};
type Referrals = { proposed: Proposal[]; advice: string[]; referrals: Referral[] };

/**
 * Referral progress is polled while a referral is still on its way; this read returns no report content
 * (only states and times), so unlike opening the case it is not a `case.view`.
 */
const POLL_MS = 3_000;
const sendable = (p: Proposal) =>
  (p.reach === 'webhook' || p.reach === 'email' || p.reach === 'federation') && p.recipient !== null;
/** A hash submission is built from the case's picture hashes (supervisor view), not from this panel. */
const choosable = (p: Proposal) => p.reach !== 'hash-submission';
const referText = (code: string) => text.refer.errors[code] ?? errorText(code);

/**
 * Warm referral from the case view: the pack's proposed services for this case, the reporter's consent
 * and what is shared, sealed here to the partner's own age key (the server only carries ciphertext), and
 * each referral's state, live.
 */
export function ReferralPanel(props: {
  caseId: string;
  opened: OpenedCase;
  headingRef?: Ref<HTMLHeadingElement>;
  onReferred: () => void;
}) {
  const { pack } = useInstance();
  const { detail, body } = props.opened;
  const [data, setData] = useState<Referrals | null>(null);
  const [loadError, setLoadError] = useState(false);
  const [serviceId, setServiceId] = useState('');
  const [consent, setConsent] = useState(false);
  const [shared, setShared] = useState<SharedPart[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const parts = availableParts(body);
  const mayRetry = ['supervisor', 'admin'].includes(currentSession()?.worker.role ?? '');

  const load = useCallback(async () => {
    try {
      setData(await getJson<Referrals>(`/staff/cases/${props.caseId}/referrals`));
      setLoadError(false);
    } catch {
      setLoadError(true);
    }
  }, [props.caseId]);

  useEffect(() => {
    void load();
  }, [load]);
  const moving = data?.referrals.some((r) => r.state !== 'outcome') ?? false;
  useEffect(() => {
    if (!moving) return;
    const timer = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(timer);
  }, [moving, load]);

  // The route lists this helpline too (for the reporter); a helpline does not refer a case to itself.
  const proposed = (data?.proposed ?? []).filter((p) => p.serviceId !== pack.meta.helpline.id);
  const chosen = proposed.find((p) => p.serviceId === serviceId);
  const sends = chosen ? sendable(chosen) : true;
  const nameOf = (id: string) => data?.proposed.find((p) => p.serviceId === id)?.name ?? id;

  async function send(event: Event) {
    event.preventDefault();
    setNotice(null);
    const proposal = chosen;
    if (!proposal) return setError(text.refer.pickService);
    if (!consent) return setError(text.refer.needConsent);
    const sends = sendable(proposal);
    if (sends && shared.length === 0) return setError(text.refer.pickPart);
    setBusy(true);
    setError(null);
    try {
      if (sends) await seal(proposal);
      // The status follows the referral where the pack's workflow allows the step. A warm call together
      // sends nothing: the referral is the status change with the service and the consent.
      const transitions = pack.meta.statusWorkflow?.transitions ?? DEFAULT_STATUS_TRANSITIONS;
      if (!sends || transitions.some((t) => t.to === 'referred' && t.from.includes(detail.status))) {
        await postJson(`/staff/cases/${props.caseId}/status`, {
          status: 'referred',
          serviceId: proposal.serviceId,
          consent: true,
        });
      }
      setServiceId('');
      setConsent(false);
      setShared([]);
      setNotice(sends ? text.refer.sent(proposal.name) : text.refer.recorded(proposal.name));
      await load();
      props.onReferred();
    } catch (e) {
      setError(referText(e instanceof ApiError ? e.code : 'general'));
    } finally {
      setBusy(false);
    }
  }

  /** Seals the chosen parts to the partner's own key here, and hands only the ciphertext to the server. */
  async function seal(proposal: Proposal) {
    const crypto = await loadCrypto();
    if (!proposal.recipient || !crypto.isRecipient(proposal.recipient)) {
      throw new ApiError(0, 'referral.no-recipient');
    }
    const content = partnerContent({
      helpline: pack.meta.helpline.name,
      service: { id: proposal.serviceId, name: proposal.name },
      metadata: detail.metadata,
      body,
      shared,
      consentAt: new Date(),
    });
    const sealed = crypto.toBase64(await crypto.sealJson(content, [proposal.recipient]));
    await postJson(`/staff/cases/${props.caseId}/referrals`, {
      serviceId: proposal.serviceId,
      consent: true,
      sealed,
      shared: content.shared,
    });
  }

  async function retry(referral: Referral) {
    setError(null);
    try {
      await postJson(`/staff/referrals/${referral.referralId}/retry`, {});
      setNotice(text.refer.retried);
      await load();
    } catch (e) {
      setError(referText(e instanceof ApiError ? e.code : 'general'));
    }
  }

  return (
    <section aria-labelledby="refer-h" class="panel referral-panel">
      <h2 id="refer-h" tabIndex={-1} ref={props.headingRef}>
        {text.refer.title}
      </h2>
      {loadError && (
        <p class="notice notice-error" role="alert">
          {text.refer.cannotLoad}
        </p>
      )}
      {!data && !loadError && <p aria-live="polite">{text.refer.loading}</p>}
      {data && (
        <>
          <p class="muted">{text.refer.intro}</p>
          {proposed.length === 0 ? (
            <p>{text.refer.none}</p>
          ) : (
            <form onSubmit={send} class="stack" noValidate aria-labelledby="refer-h">
              <fieldset>
                <legend>{text.refer.chooseService}</legend>
                <ul class="proposals">
                  {proposed.map((p) => (
                    <ProposalItem
                      key={p.serviceId}
                      proposal={p}
                      checked={serviceId === p.serviceId}
                      referred={data.referrals.some((r) => r.serviceId === p.serviceId)}
                      onChoose={() => setServiceId(p.serviceId)}
                    />
                  ))}
                </ul>
              </fieldset>
              <div>
                <label class="check">
                  <input
                    type="checkbox"
                    id="refer-consent"
                    name="consent"
                    required
                    checked={consent}
                    aria-describedby="refer-consent-hint"
                    onChange={(e) => setConsent(e.currentTarget.checked)}
                  />{' '}
                  {text.refer.consent}
                </label>
                <p id="refer-consent-hint" class="muted">
                  {text.refer.consentHint}
                </p>
              </div>
              {!sends && (
                <p id="refer-call-hint" class="notice">
                  {text.refer.callTogether}
                </p>
              )}
              {sends && (
                <fieldset aria-describedby="refer-share-hint">
                  <legend>{text.refer.share}</legend>
                  <p id="refer-share-hint" class="muted">
                    {parts.length === 0 ? text.refer.nothingToShare : text.refer.shareHint}
                  </p>
                  {parts.map((part) => (
                    <label class="check" key={part}>
                      <input
                        type="checkbox"
                        id={`refer-share-${part}`}
                        name="shared"
                        value={part}
                        checked={shared.includes(part)}
                        onChange={(e) => {
                          const on = e.currentTarget.checked;
                          setShared((now) => (on ? [...now, part] : now.filter((x) => x !== part)));
                        }}
                      />{' '}
                      {text.refer.parts[part]}
                    </label>
                  ))}
                </fieldset>
              )}
              {error && (
                <p class="notice notice-error" role="alert">
                  {error}
                </p>
              )}
              <button type="submit" class="primary" disabled={busy}>
                {busy ? text.refer.sending : sends ? text.refer.send : text.refer.record}
              </button>
            </form>
          )}
          <p role="status" class="refer-notice">
            {notice}
          </p>
          {data.referrals.length > 0 && (
            <>
              <h3>{text.refer.referrals}</h3>
              <ul class="referrals">
                {data.referrals.map((r) => (
                  <li key={r.referralId} data-referral-state={r.state}>
                    <strong>{nameOf(r.serviceId)}</strong>:{' '}
                    <span class="referral-state">{text.refer.states[r.state] ?? r.state}</span>
                    {r.outcome && (
                      <span class="referral-outcome"> · {text.refer.outcomes[r.outcome] ?? r.outcome}</span>
                    )}
                    <span class="muted">
                      {' '}
                      · {text.refer.since}{' '}
                      {new Date(r.acknowledgedAt ?? r.deliveredAt ?? r.createdAt).toLocaleString()}
                    </span>
                    {r.shared.length > 0 && (
                      <p class="muted">
                        {text.refer.sharedList}: {r.shared.map((s) => text.refer.parts[s] ?? s).join(', ')}
                      </p>
                    )}
                    {r.state === 'failed' && (
                      <p>
                        {text.refer.attempts(r.attempts)}
                        {r.lastError ? ` (${r.lastError})` : ''}.{' '}
                        {mayRetry ? (
                          <button type="button" onClick={() => void retry(r)}>
                            {text.refer.retry}
                          </button>
                        ) : (
                          text.refer.retryBySupervisor
                        )}
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}

function ProposalItem(props: {
  proposal: Proposal;
  checked: boolean;
  referred: boolean;
  onChoose: () => void;
}) {
  const p = props.proposal;
  const id = `refer-service-${p.serviceId}`;
  const details = (
    <p id={`${id}-details`} class="muted">
      {text.refer.reach[p.reach]}. {text.refer.firstContact} {leadTimeText(p.firstContact)};{' '}
      {text.refer.handover.toLowerCase()} {leadTimeText(p.handover)}.
      {p.leadTimesUnverified && ` ${text.refer.unverified}`}
      {props.referred && ` ${text.refer.alreadyReferred}`}
    </p>
  );
  return (
    <li data-service={p.serviceId} data-reach={p.reach}>
      {choosable(p) && !props.referred ? (
        <label class="check" for={id}>
          <input
            type="radio"
            id={id}
            name="serviceId"
            value={p.serviceId}
            checked={props.checked}
            aria-describedby={`${id}-details`}
            onChange={props.onChoose}
          />{' '}
          {p.name}
        </label>
      ) : (
        <strong>{p.name}</strong>
      )}
      {p.crisis && <span class="badge badge-urgent">{text.refer.crisis}</span>}
      {details}
    </li>
  );
}
