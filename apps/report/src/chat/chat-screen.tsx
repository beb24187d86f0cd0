import { useEffect, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n/index.ts';
import { Title } from '../shell.tsx';
import { ChatConnection, type ChatState } from './chat-connection.ts';
import type { ChatLine } from './chat-lines.ts';

/**
 * "Chat now": a live, written conversation with the helpline, without a report or a code. Everything
 * lives in memory for this screen only: leaving it (or "Leave fast") forgets the conversation here.
 */
export function ChatScreen() {
  const { t, lang } = useI18n();
  const [lines, setLines] = useState<ChatLine[]>([]);
  const [state, setState] = useState<ChatState | null>(null);
  const [draft, setDraft] = useState('');
  const [failed, setFailed] = useState(false);
  const connection = useRef<ChatConnection | null>(null);
  const listEnd = useRef<HTMLLIElement>(null);

  const begin = () => {
    setFailed(false);
    const chat = new ChatConnection((l, s) => {
      setLines([...l]);
      setState({ ...s });
    });
    connection.current = chat;
    chat.start(lang).catch(() => setFailed(true));
  };

  useEffect(() => () => connection.current?.stop(), []);
  useEffect(() => listEnd.current?.scrollIntoView({ block: 'nearest' }), [lines.length]);

  const ended = state?.status === 'closed' || state?.status === 'abandoned';
  const send = (event: Event) => {
    event.preventDefault();
    const text = draft.trim();
    if (!text || !connection.current || ended) return;
    setDraft('');
    void connection.current.send(text);
  };

  if (!connection.current) {
    return (
      <section class="screen chat-screen">
        <Title>{t.chatTitle}</Title>
        <p class="lead">{t.chatIntro}</p>
        <button type="button" class="primary-btn" onClick={begin}>
          {t.chatStart}
        </button>
      </section>
    );
  }

  return (
    <section class="screen chat-screen">
      <Title>{t.chatTitle}</Title>
      <p class="chat-state" role="status" data-testid="chat-state">
        {failed
          ? t.chatFailed
          : ended
            ? t.chatEnded
            : state?.status === 'active'
              ? t.chatAnswered
              : state?.status === 'waiting' && state.position
                ? t.chatWaiting(state.position)
                : t.chatStarting}
        {state && !state.connected && !ended && state.status !== 'starting' && <> {t.chatReconnecting}</>}
      </p>
      <ol class="chat-lines" aria-label={t.chatTitle}>
        {lines.map((line) => (
          <li
            key={line.clientId}
            class={`chat-line ${line.author === 'child' ? 'mine' : 'theirs'}`}
            data-testid="chat-line"
            data-author={line.author}
          >
            <span class="chat-who">{line.author === 'child' ? t.chatYou : t.chatHelpline}</span>
            <span class="chat-text">{line.text ?? t.chatUnreadable}</span>
            {line.seq === null && <span class="chat-pending">{t.chatSending}</span>}
          </li>
        ))}
        <li ref={listEnd} class="chat-end" aria-hidden="true" />
      </ol>
      {!ended && (
        <form class="chat-form" onSubmit={send}>
          <label for="chat-input">{t.chatLabel}</label>
          <textarea
            id="chat-input"
            rows={2}
            maxLength={2000}
            value={draft}
            onInput={(e) => setDraft((e.currentTarget as HTMLTextAreaElement).value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) send(e);
            }}
          />
          <button type="submit" class="primary-btn">
            {t.chatSend}
          </button>
        </form>
      )}
    </section>
  );
}
