import { useEffect, useState } from 'preact/hooks';
import { ApiError, getJson, postJson } from '../lib/api.ts';
import { useInstance } from '../lib/instance.ts';
import { workerMay } from '../lib/may.ts';
import { hrefOf, navigate, onLinkClick } from '../lib/router.ts';
import { currentSession } from '../lib/session.ts';
import { errorText, text } from '../lib/text.ts';
import { type ChatSummary, minutesSince } from './chat-types.ts';

const REFRESH_MS = 2000;

/**
 * The live chat queue: who waits (urgent first, then longest waiting), in which language and age band,
 * and which chats are running with whom. A supervisor sees every live chat here too. Clear metadata
 * only; a chat's messages open only for the counsellor who takes it.
 */
export function ChatQueue() {
  const [chats, setChats] = useState<ChatSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(Date.now());
  const me = currentSession()?.worker.id;
  // A supervisor (who may read audit trails) can open any live chat: the view of all live chats.
  const oversees = workerMay('case.audit', useInstance().pack);

  useEffect(() => {
    let live = true;
    const load = () =>
      getJson<{ chats: ChatSummary[] }>('/staff/chats')
        .then((r) => {
          if (!live) return;
          setChats(r.chats);
          setNow(Date.now());
          setError(null);
        })
        .catch((e) => live && setError(errorText(e instanceof ApiError ? e.code : 'general')));
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  async function take(id: string) {
    try {
      await postJson(`/staff/chats/${id}/take`, {});
      navigate({ name: 'chat', id });
    } catch (e) {
      setError(errorText(e instanceof ApiError ? e.code : 'general'));
    }
  }

  const waiting = chats?.filter((c) => c.status === 'waiting') ?? [];
  const active = chats?.filter((c) => c.status === 'active') ?? [];
  return (
    <main id="main" class="stack">
      <h1>{text.chats.title}</h1>
      {error && <p role="alert">{error}</p>}
      <section aria-labelledby="chats-waiting" class="panel">
        <h2 id="chats-waiting">{text.chats.waiting}</h2>
        {chats === null ? (
          <p aria-live="polite">…</p>
        ) : waiting.length === 0 ? (
          <p class="muted">{text.chats.noneWaiting}</p>
        ) : (
          <table class="chat-table">
            <thead>
              <tr>
                <th scope="col">{text.chats.waited}</th>
                <th scope="col">{text.chats.language}</th>
                <th scope="col">{text.chats.ageBand}</th>
                <th scope="col">{text.chats.urgency}</th>
                <th scope="col">
                  <span class="visually-hidden">{text.chats.take}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {waiting.map((c) => (
                <tr key={c.id} data-testid="chat-waiting">
                  <td>{text.chats.minutes(minutesSince(c.createdAt, now))}</td>
                  <td lang="en">{c.lang}</td>
                  <td>{c.ageBand ?? text.chats.unknown}</td>
                  <td>{c.urgent ? <strong>{text.chats.urgent}</strong> : '—'}</td>
                  <td>
                    <button type="button" onClick={() => void take(c.id)}>
                      {text.chats.take}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="chats-active" class="panel">
        <h2 id="chats-active">{text.chats.active}</h2>
        {active.length === 0 ? (
          <p class="muted">{text.chats.noneActive}</p>
        ) : (
          <ul>
            {active.map((c) => (
              <li key={c.id} data-testid="chat-active">
                {c.counsellorId === me || oversees ? (
                  <a
                    href={hrefOf({ name: 'chat', id: c.id })}
                    onClick={onLinkClick({ name: 'chat', id: c.id })}
                  >
                    {c.counsellorId === me
                      ? text.chats.openMine(c.lang, minutesSince(c.takenAt ?? c.createdAt, now))
                      : text.chats.withColleague(c.counsellorName ?? text.chats.colleague, c.lang)}
                  </a>
                ) : (
                  <span>
                    {text.chats.withColleague(c.counsellorName ?? text.chats.colleague, c.lang)}{' '}
                    {c.urgent && <strong>{text.chats.urgent}</strong>}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
