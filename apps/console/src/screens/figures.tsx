import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ActionNotice } from '../components/action-notice.tsx';
import { ApiError, getJson, postJson } from '../lib/api.ts';
import { useInstance } from '../lib/instance.ts';
import { workerMay } from '../lib/may.ts';
import { errorText, text } from '../lib/text.ts';

/** A row of `GET /staff/early-warnings`. */
type Rise = {
  id: string;
  dimension: string;
  series: string;
  periodEnd: string;
  current: number;
  expected: number;
};
/** `GET /staff/statistics/feedback`: the public figures' "did this help?" rows (hidden: null). */
type Feedback = {
  k: number;
  quarters: string[];
  feedback: Record<string, Record<string, Record<string, number | null>>>;
};

const QUESTIONS = ['heard', 'helped', 'fastEnough'] as const;
const ANSWERS = ['yes', 'partly', 'no', 'total'] as const;

/**
 * Figures for supervisors and analysts (issue 12): the unusual rises the daily check flagged, which a
 * supervisor releases as a prevention signal or dismisses, and the helpline's own "did this help?" results
 * with the same small-cell rules as the public page. Figures only: nothing here opens a case.
 */
export function FiguresScreen() {
  const { pack } = useInstance();
  const t = text.figures;
  const mayDecide = workerMay('case.audit', pack);
  const [rises, setRises] = useState<Rise[] | null>(null);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const load = useCallback(async () => {
    try {
      const [r, f] = await Promise.all([
        getJson<{ rises: Rise[] }>('/staff/early-warnings'),
        getJson<Feedback>('/staff/statistics/feedback'),
      ]);
      setRises(r.rises);
      setFeedback(f);
    } catch (e) {
      setMessage({ ok: false, text: errorText(e instanceof ApiError ? e.code : 'general') });
    }
  }, []);

  useEffect(() => {
    heading.current?.focus();
    void load();
  }, [load]);

  const seriesName = (r: Rise) => {
    const [first = '', category = ''] = r.series.split('|');
    const what = text.categories[category as keyof typeof text.categories] ?? category;
    return r.dimension.startsWith('platform') ? t.platformSeries(what, first) : t.ageSeries(what, first);
  };

  async function decide(r: Rise, decision: 'released' | 'dismissed') {
    setBusy(r.id);
    setMessage(null);
    try {
      await postJson(`/staff/early-warnings/${r.id}/decision`, { decision });
      setMessage({
        ok: true,
        text: decision === 'released' ? t.released(seriesName(r)) : t.dismissed(seriesName(r)),
      });
      await load();
      heading.current?.focus();
    } catch (e) {
      setMessage({ ok: false, text: errorText(e instanceof ApiError ? e.code : 'general') });
    } finally {
      setBusy(null);
    }
  }

  // The week's last day: the day before `periodEnd` (UTC midnight after the week).
  const weekTo = (iso: string) => new Date(Date.parse(iso) - 86_400_000).toISOString().slice(0, 10);

  return (
    <main id="main" class="supervisor">
      <div class="queue-head">
        <h1 tabIndex={-1} ref={heading}>
          {t.title}
        </h1>
        <a href="/statistics">{t.publicPage}</a>
      </div>
      <p>{t.intro}</p>
      <ActionNotice message={message} />

      <section class="panel" aria-labelledby="rises-h">
        <h2 id="rises-h">{t.risesTitle}</h2>
        <p>{t.risesIntro}</p>
        {rises === null ? null : rises.length === 0 ? (
          <p>{t.noRises}</p>
        ) : (
          <div class="table-wrap">
            <table class="cases" aria-labelledby="rises-h">
              <thead>
                <tr>
                  <th scope="col">{t.seriesColumn}</th>
                  <th scope="col">{t.weekColumn}</th>
                  <th scope="col">{t.currentColumn}</th>
                  <th scope="col">{t.expectedColumn}</th>
                  {mayDecide && <th scope="col">{t.decisionColumn}</th>}
                </tr>
              </thead>
              <tbody>
                {rises.map((r) => (
                  <tr key={r.id} data-rise={r.series}>
                    <th scope="row">{seriesName(r)}</th>
                    <td>{weekTo(r.periodEnd)}</td>
                    <td>{r.current}</td>
                    <td>{Math.round(r.expected * 10) / 10}</td>
                    {mayDecide && (
                      <td class="actions">
                        <button
                          type="button"
                          aria-label={`${t.release}: ${seriesName(r)}`}
                          disabled={busy !== null}
                          onClick={() => void decide(r, 'released')}
                        >
                          {t.release}
                        </button>{' '}
                        <button
                          type="button"
                          aria-label={`${t.dismiss}: ${seriesName(r)}`}
                          disabled={busy !== null}
                          onClick={() => void decide(r, 'dismissed')}
                        >
                          {t.dismiss}
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section class="panel" aria-labelledby="feedback-h">
        <h2 id="feedback-h">{t.feedbackTitle}</h2>
        {feedback && (
          <>
            <p>{t.feedbackIntro(feedback.k)}</p>
            <div class="table-wrap">
              <table class="cases" aria-labelledby="feedback-h" data-figures="feedback">
                <thead>
                  <tr>
                    <th scope="col">{t.questionColumn}</th>
                    <th scope="col">{t.answerColumn}</th>
                    {feedback.quarters.map((q) => (
                      <th scope="col" key={q}>
                        {q}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {QUESTIONS.flatMap((q) =>
                    ANSWERS.map((a) => (
                      <tr key={`${q}-${a}`}>
                        <th scope="row">{t.questions[q]}</th>
                        <th scope="row">{t.answers[a]}</th>
                        {feedback.quarters.map((p) => {
                          const v = feedback.feedback[q]?.[p]?.[a];
                          return (
                            <td key={p}>
                              {v === null || v === undefined ? (
                                <>
                                  <span aria-hidden="true">–</span>
                                  <span class="visually-hidden">{t.hidden}</span>
                                </>
                              ) : (
                                String(v)
                              )}
                            </td>
                          );
                        })}
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </main>
  );
}
