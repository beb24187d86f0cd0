import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ActionNotice } from '../components/action-notice.tsx';
import { ApiError, getJson, postJson } from '../lib/api.ts';
import { serviceName, useInstance } from '../lib/instance.ts';
import { hrefOf, onLinkClick } from '../lib/router.ts';
import { errorText, text, textLanguage } from '../lib/text.ts';

type OverdueCase = { caseId: string; deadline: string; escalatedAt: string };
type OverdueReferral = OverdueCase & { referralId: string; serviceId: string };
type ReferralView = {
  referralId: string;
  serviceId: string;
  state: 'queued' | 'failed' | 'delivered' | 'acknowledged' | 'outcome';
  attempts: number;
  lastError: string | null;
};
type FailedReferral = ReferralView & { caseId: string };
/** A row of `GET /staff/platform-notices/figures` (core/dsa/platform-response.ts). */
type PlatformFigure = {
  platform: string;
  platformName: string;
  category: string;
  tdb: { category: string; keyword: string };
  sent: number;
  answered: number;
  answeredShare: number;
  medianHours: number | null;
  p90Hours: number | null;
  actedShare: number | null;
};

/** How often a referral tried again is looked at until it leaves the queue (not an audited read). */
const RETRY_POLL_MS = 2000;

const when = (iso: string) => new Date(iso).toLocaleString();

/**
 * What today only the API showed a supervisor: cases past their first-contact target, delivered
 * referrals no partner confirmed in time, and dead-lettered hand-overs with a retry. Only case ids and
 * clear metadata: nothing here opens a sealed report, so looking is not a case read.
 */
export function SupervisorScreen() {
  const { pack } = useInstance();
  const [overdue, setOverdue] = useState<{ cases: OverdueCase[]; referrals: OverdueReferral[] } | null>(null);
  const [failed, setFailed] = useState<FailedReferral[] | null>(null);
  const [figures, setFigures] = useState<PlatformFigure[] | null>(null);
  const [retried, setRetried] = useState<FailedReferral[]>([]);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [updated, setUpdated] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const name = (serviceId: string) => {
    const service = pack.services?.find((s) => s.id === serviceId);
    return service ? serviceName(service, pack.meta.defaultLanguage) : serviceId;
  };

  const load = useCallback(async () => {
    try {
      const [o, f, p] = await Promise.all([
        getJson<{ cases: OverdueCase[]; referrals: OverdueReferral[] }>('/staff/sla/overdue'),
        getJson<{ referrals: FailedReferral[] }>('/staff/referrals/failed'),
        // A role without `stats.read` (a pack may narrow it) still gets the rest of the screen.
        getJson<{ rows: PlatformFigure[] }>('/staff/platform-notices/figures').catch(() => null),
      ]);
      setOverdue(o);
      setFailed(f.referrals);
      setFigures(p?.rows ?? null);
      setUpdated(new Date().toLocaleTimeString());
    } catch (e) {
      setMessage({ ok: false, text: errorText(e instanceof ApiError ? e.code : 'general') });
    }
  }, []);

  useEffect(() => {
    heading.current?.focus();
    void load();
  }, [load]);

  // A referral tried again is followed on this screen until it is delivered or fails again.
  const pending = retried.some((r) => r.state === 'queued');
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(async () => {
      const next = await Promise.all(
        retried.map(async (r) => {
          if (r.state !== 'queued') return r;
          try {
            const { referrals } = await getJson<{ referrals: ReferralView[] }>(
              `/staff/cases/${r.caseId}/referrals`,
            );
            const now = referrals.find((x) => x.referralId === r.referralId);
            return now ? { ...r, ...now } : r;
          } catch {
            return r;
          }
        }),
      );
      setRetried(next);
      if (next.some((r) => r.state === 'failed')) void load();
    }, RETRY_POLL_MS);
    return () => clearInterval(timer);
  }, [pending, retried, load]);

  async function retry(r: FailedReferral) {
    setBusy(r.referralId);
    setMessage(null);
    try {
      await postJson(`/staff/referrals/${r.referralId}/retry`, {});
      setRetried((list) => [...list.filter((x) => x.referralId !== r.referralId), { ...r, state: 'queued' }]);
      setMessage({ ok: true, text: text.supervisor.retryDone(name(r.serviceId)) });
      await load();
    } catch (e) {
      setMessage({ ok: false, text: errorText(e instanceof ApiError ? e.code : 'general') });
    } finally {
      setBusy(null);
    }
  }

  const t = text.supervisor;
  // Staff read a case by the first 8 characters of its id (the catalog only places it).
  const shortId = (caseId: string) => caseId.slice(0, 8);
  const caseLink = (caseId: string) => (
    <a href={hrefOf({ name: 'case', id: caseId })} onClick={onLinkClick({ name: 'case', id: caseId })}>
      {t.open(shortId(caseId))}
    </a>
  );
  return (
    <main id="main" class="supervisor">
      <div class="queue-head">
        <h1 tabIndex={-1} ref={heading}>
          {t.title}
        </h1>
        <button type="button" onClick={() => void load()}>
          {t.refresh}
        </button>
        <span class="muted" aria-live="polite">
          {updated ? t.updated(updated) : t.loading}
        </span>
      </div>
      <p>{t.intro}</p>
      <ActionNotice message={message} />

      <section class="panel" aria-labelledby="overdue-cases-h">
        <h2 id="overdue-cases-h">{t.overdueCases}</h2>
        {overdue && overdue.cases.length === 0 && <p>{t.noOverdueCases}</p>}
        {overdue && overdue.cases.length > 0 && (
          <div class="table-wrap">
            <table class="cases" aria-labelledby="overdue-cases-h">
              <thead>
                <tr>
                  <th scope="col">{t.caseColumn}</th>
                  <th scope="col">{t.deadlineColumn}</th>
                  <th scope="col">{t.escalatedColumn}</th>
                </tr>
              </thead>
              <tbody>
                {overdue.cases.map((c) => (
                  <tr key={c.caseId} data-case-id={c.caseId}>
                    <td>{caseLink(c.caseId)}</td>
                    <td>{when(c.deadline)}</td>
                    <td>{when(c.escalatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section class="panel" aria-labelledby="overdue-referrals-h">
        <h2 id="overdue-referrals-h">{t.overdueReferrals}</h2>
        {overdue && overdue.referrals.length === 0 && <p>{t.noOverdueReferrals}</p>}
        {overdue && overdue.referrals.length > 0 && (
          <div class="table-wrap">
            <table class="cases" aria-labelledby="overdue-referrals-h">
              <thead>
                <tr>
                  <th scope="col">{t.caseColumn}</th>
                  <th scope="col">{t.serviceColumn}</th>
                  <th scope="col">{t.deadlineColumn}</th>
                  <th scope="col">{t.escalatedColumn}</th>
                </tr>
              </thead>
              <tbody>
                {overdue.referrals.map((r) => (
                  <tr key={r.referralId} data-referral-id={r.referralId}>
                    <td>{caseLink(r.caseId)}</td>
                    <td>{name(r.serviceId)}</td>
                    <td>{when(r.deadline)}</td>
                    <td>{when(r.escalatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section class="panel" aria-labelledby="failed-h">
        <h2 id="failed-h">{t.failedReferrals}</h2>
        {failed && failed.length === 0 && <p>{t.noFailedReferrals}</p>}
        {failed && failed.length > 0 && (
          <div class="table-wrap">
            <table class="cases" aria-labelledby="failed-h">
              <thead>
                <tr>
                  <th scope="col">{t.caseColumn}</th>
                  <th scope="col">{t.serviceColumn}</th>
                  <th scope="col">{t.attemptsColumn}</th>
                  <th scope="col">{t.errorColumn}</th>
                  <th scope="col">{t.actionColumn}</th>
                </tr>
              </thead>
              <tbody>
                {failed.map((r) => (
                  <tr key={r.referralId} data-referral-id={r.referralId}>
                    <td>{caseLink(r.caseId)}</td>
                    <td>{name(r.serviceId)}</td>
                    <td>{r.attempts}</td>
                    <td>{r.lastError ?? ''}</td>
                    <td>
                      <button
                        type="button"
                        class="small"
                        disabled={busy !== null}
                        aria-label={`${t.retry}: ${name(r.serviceId)}, ${t.open(shortId(r.caseId))}`}
                        onClick={() => void retry(r)}
                      >
                        {busy === r.referralId ? t.retrying : t.retry}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <PlatformFigures rows={figures} />

      {retried.length > 0 && (
        <section class="panel" aria-labelledby="retried-h">
          <h2 id="retried-h">{t.retried}</h2>
          <ul aria-live="polite">
            {retried.map((r) => (
              <li key={r.referralId} data-referral-id={r.referralId} data-state={r.state}>
                {name(r.serviceId)} · {caseLink(r.caseId)} · {t.stateColumn}: {t.states[r.state] ?? r.state}
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}

/** No figure yet (nothing answered): a dash in every language. */
const NONE = '–';

/** Platforms' answers to the helpline's notices, per platform and category (issue 11). */
function PlatformFigures(props: { rows: PlatformFigure[] | null }) {
  const t = text.supervisor;
  const percent = new Intl.NumberFormat(textLanguage, { style: 'percent', maximumFractionDigits: 0 });
  const share = (v: number | null) => (v === null ? NONE : percent.format(v));
  const hours = (v: number | null) => (v === null ? NONE : t.hours(Math.round(v)));
  return (
    <section class="panel" aria-labelledby="platform-figures-h">
      <h2 id="platform-figures-h">{t.platformFigures}</h2>
      <p class="muted">{t.platformIntro}</p>
      {props.rows && props.rows.length === 0 && <p>{t.noFigures}</p>}
      {props.rows && props.rows.length > 0 && (
        <div class="table-wrap">
          <table class="cases platform-figures" aria-labelledby="platform-figures-h">
            <thead>
              <tr>
                <th scope="col">{t.platformColumn}</th>
                <th scope="col">{t.categoryColumn}</th>
                <th scope="col">{t.tdbColumn}</th>
                <th scope="col">{t.sentColumn}</th>
                <th scope="col">{t.answeredColumn}</th>
                <th scope="col">{t.medianColumn}</th>
                <th scope="col">{t.p90Column}</th>
                <th scope="col">{t.actedColumn}</th>
              </tr>
            </thead>
            <tbody>
              {props.rows.map((r) => (
                <tr
                  key={`${r.platform}:${r.category}:${r.tdb.keyword}`}
                  data-platform={r.platform}
                  data-category={r.category}
                >
                  <th scope="row">{r.platformName}</th>
                  <td>{text.categories[r.category as keyof typeof text.categories] ?? r.category}</td>
                  <td>
                    <code>{r.tdb.keyword}</code>
                  </td>
                  <td>{r.sent}</td>
                  <td>{share(r.answeredShare)}</td>
                  <td data-testid="median">{hours(r.medianHours)}</td>
                  <td>{hours(r.p90Hours)}</td>
                  <td>{share(r.actedShare)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
