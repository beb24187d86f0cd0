import { buildHashSubmission, type CaseHashMatch } from '@vangnet/core/hash-submission';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { OpenedCase } from '../case/open-case.ts';
import { ApiError, getJson, postJson } from '../lib/api.ts';
import { loadCrypto } from '../lib/crypto.ts';
import { serviceName, useInstance } from '../lib/instance.ts';
import { errorText, text } from '../lib/text.ts';

type Proposal = { serviceId: string; name: string; connector: string; recipient?: string | null };
type Referral = { serviceId: string; state: string };

/**
 * A hash-only case handed to the pack's hotline (docs/hash-only-reports.md, "Hand-over"): the picture
 * codes from the sealed body, the addresses the worker ticked and the matched list names, sealed in
 * this browser to the hotline's own age recipient and sent as an ordinary referral. The server queues
 * it and cannot read it. The recipient comes with the referral proposal when the pack names one.
 */
export function HashSubmissionPanel({ opened }: { opened: OpenedCase }) {
  const { pack } = useInstance();
  const t = text.hashSubmission;
  const caseId = opened.detail.id;
  const hashes = opened.body.hashes ?? [];
  const webLinks = opened.body.links.filter((l) => /^https?:\/\//i.test(l));
  const [matches, setMatches] = useState<CaseHashMatch[] | null>(null);
  const [proposals, setProposals] = useState<{ proposed: Proposal[]; referrals: Referral[] } | null>(null);
  const [checked, setChecked] = useState<string[]>([]);
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    getJson<{ matches: CaseHashMatch[] }>(`/staff/cases/${caseId}/hash-matches`).then(
      (r) => setMatches(r.matches),
      () => setMatches([]),
    );
    getJson<{ proposed: Proposal[]; referrals: Referral[] }>(`/staff/cases/${caseId}/referrals`).then(
      setProposals,
      () => setProposals({ proposed: [], referrals: [] }),
    );
  }, [caseId]);

  const hotlineIds = new Set((pack.services ?? []).filter((s) => s.kind === 'hotline').map((s) => s.id));
  const hotline = proposals?.proposed.find((p) => hotlineIds.has(p.serviceId)) ?? null;
  const hotlineName = hotline
    ? serviceName(pack.services?.find((s) => s.id === hotline.serviceId) ?? { id: hotline.serviceId }, 'en')
    : '';
  const sent = hotline ? proposals?.referrals.some((r) => r.serviceId === hotline.serviceId) : false;
  const built = useMemo(
    () =>
      buildHashSubmission({
        metadata: opened.detail.metadata,
        body: opened.body,
        checkedUrls: checked,
        matches: matches ?? [],
      }),
    [opened, checked, matches],
  );

  async function send(event: Event) {
    event.preventDefault();
    if (!hotline?.recipient || !built.ok) return;
    setBusy(true);
    setResult(null);
    try {
      const c = await loadCrypto();
      const sealed = c.toBase64(await c.sealJson(built.submission, [hotline.recipient as never]));
      // The clear record of what was shared: picture codes, and addresses when any were ticked.
      const shared = built.submission.urls.length > 0 ? ['evidence-hashes', 'links'] : ['evidence-hashes'];
      await postJson(`/staff/cases/${caseId}/referrals`, {
        serviceId: hotline.serviceId,
        consent: true,
        sealed,
        shared,
      });
      setResult({ ok: true, text: t.sent(hotlineName) });
      setProposals((p) =>
        p ? { ...p, referrals: [...p.referrals, { serviceId: hotline.serviceId, state: 'queued' }] } : p,
      );
    } catch (e) {
      setResult({ ok: false, text: errorText(e instanceof ApiError ? e.code : 'general') });
    } finally {
      setBusy(false);
    }
  }

  if (hashes.length === 0) return null;
  return (
    <section class="panel" aria-labelledby="hash-submission-h">
      <h2 id="hash-submission-h">{t.title}</h2>
      <p>{t.intro(hashes.length)}</p>
      <p class="muted">{t.codes(hashes.length)}</p>
      <h3>{t.matches}</h3>
      {matches && matches.length === 0 && <p>{t.noMatches}</p>}
      {matches && matches.length > 0 && (
        <ul>
          {matches.map((m) => (
            <li key={`${m.source}-${m.version}-${m.hashIndex}-${m.kind}`}>
              {t.match(m.source, m.version, m.distance)}
            </li>
          ))}
        </ul>
      )}
      {proposals && !hotline && <p>{t.noHotline}</p>}
      {hotline && sent && !result && <p role="status">{t.already(hotlineName)}</p>}
      {hotline && !sent && !hotline.recipient && (
        <p class="notice notice-error">{t.noRecipient(hotlineName)}</p>
      )}
      {hotline && !sent && hotline.recipient && (
        <form onSubmit={send} class="stack" aria-label={t.title}>
          <fieldset>
            <legend>{t.urls}</legend>
            {webLinks.length === 0 && <p>{t.noUrls}</p>}
            {webLinks.map((l) => (
              <label key={l} class="check">
                <input
                  type="checkbox"
                  checked={checked.includes(l)}
                  onChange={(e) =>
                    setChecked((c) => (e.currentTarget.checked ? [...c, l] : c.filter((x) => x !== l)))
                  }
                />{' '}
                <code>{l}</code>
              </label>
            ))}
          </fieldset>
          <label class="check">
            <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.currentTarget.checked)} />{' '}
            {t.consent(hotlineName)}
          </label>
          <details>
            <summary>{t.preview}</summary>
            <pre class="evidence-text">{built.ok ? JSON.stringify(built.submission, null, 2) : ''}</pre>
          </details>
          {!built.ok && <p class="notice notice-error">{t.reasons[built.reason]}</p>}
          <button type="submit" class="primary" disabled={busy || !consent || !built.ok}>
            {busy ? t.sending : t.send(hotlineName)}
          </button>
        </form>
      )}
      {result && (
        <p class={result.ok ? '' : 'notice notice-error'} role={result.ok ? 'status' : 'alert'}>
          {result.text}
        </p>
      )}
    </section>
  );
}
