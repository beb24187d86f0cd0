import { useState } from 'preact/hooks';
import { useI18n } from '../i18n/index.ts';

const QUESTIONS = ['heard', 'helped', 'fastEnough'] as const;
const ANSWERS = ['yes', 'partly', 'no'] as const;
type Question = (typeof QUESTIONS)[number];
type Answer = (typeof ANSWERS)[number];

/**
 * "Did this help?" after a case closed: three optional questions, answered with yes / a bit / no. Only the
 * coarse answers travel (with the report's access token, like every follow-up call); nothing else about
 * the reporter. Sending again replaces the answers.
 */
export function DidItHelp(props: { accessToken: string }) {
  const t = useI18n().t.didItHelp;
  const problems = useI18n().t.problems;
  const [answers, setAnswers] = useState<Partial<Record<Question, Answer>>>({});
  const [state, setState] = useState<'idle' | 'busy' | 'sent' | 'failed'>('idle');
  const chosen = Object.keys(answers).length > 0;
  return (
    <form
      class="did-it-help"
      aria-labelledby="did-it-help-title"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!chosen) return;
        setState('busy');
        try {
          const res = await fetch('/api/v1/reports/self/feedback', {
            method: 'PUT',
            headers: { authorization: `Bearer ${props.accessToken}`, 'content-type': 'application/json' },
            body: JSON.stringify(answers),
          });
          setState(res.ok ? 'sent' : 'failed');
        } catch {
          setState('failed');
        }
      }}
    >
      <h2 id="did-it-help-title">{t.title}</h2>
      <p>{t.intro}</p>
      {QUESTIONS.map((q) => (
        <fieldset key={q} class="field">
          <legend>{t[q]}</legend>
          {ANSWERS.map((a) => (
            <label key={a} class="choice">
              <input
                type="radio"
                name={`did-it-help-${q}`}
                value={a}
                checked={answers[q] === a}
                onChange={() => setAnswers({ ...answers, [q]: a })}
              />{' '}
              {t[a]}
            </label>
          ))}
        </fieldset>
      ))}
      <button type="submit" class="primary-btn" disabled={!chosen || state === 'busy'}>
        {t.send}
      </button>
      <p role="status" class={state === 'failed' ? 'error' : 'done'}>
        {state === 'sent' ? t.thanks : state === 'failed' ? problems.network : ''}
      </p>
    </form>
  );
}
