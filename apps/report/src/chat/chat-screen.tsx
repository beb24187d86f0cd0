import type { AgeBand } from '@vangnet/core/taxonomy';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../app-context.ts';
import { FIRST_STEP } from '../flow/steps.ts';
import { formatHours } from '../hours.ts';
import { keepLtr } from '../i18n/bidi.ts';
import { useI18n } from '../i18n/index.ts';
import { useNav } from '../nav.ts';
import { ReceiptCode } from '../send/receipt-code.tsx';
import { UnverifiedRecipients } from '../send/trusted-recipients.ts';
import { Title } from '../shell.tsx';
import type { StoredItem } from '../vault/vault-store.ts';
import {
  type Availability,
  chatAvailability,
  DEFAULT_OFFER_MESSAGE_AFTER_MINUTES,
  formatOpening,
} from './chat-availability.ts';
import { ChatConnection, type ChatState, PhotoTooLarge } from './chat-connection.ts';
import { type ChatLine, transcriptText } from './chat-lines.ts';
import { makeChatReport } from './chat-report.ts';
import { SharePhoto } from './share-photo.tsx';

/** A report made from this chat: the code at once, then whether the helpline has it. */
type ChatReport = { code: string | null; stage: 'sending' | 'done' | 'failed' | 'unverified' };

/**
 * "Chat now": a live, written conversation with the helpline, without a report or a code. Everything
 * lives in memory for this screen only: leaving it (or "Leave fast") forgets the conversation here.
 */
export function ChatScreen() {
  const { t, lang } = useI18n();
  const { pack, crisis } = useApp();
  const nav = useNav();
  const [availability, setAvailability] = useState<Availability | null>(null);
  const [waitedLong, setWaitedLong] = useState(false);
  const [lines, setLines] = useState<ChatLine[]>([]);
  const [state, setState] = useState<ChatState | null>(null);
  const [draft, setDraft] = useState('');
  const [failed, setFailed] = useState<false | 'failed' | 'unverified'>(false);
  const [sharing, setSharing] = useState(false);
  const [shareError, setShareError] = useState<string | null>(null);
  const [report, setReport] = useState<ChatReport | null>(null);
  const connection = useRef<ChatConnection | null>(null);
  const listEnd = useRef<HTMLLIElement>(null);

  const begin = () => {
    setFailed(false);
    const chat = new ChatConnection((l, s) => {
      setLines([...l]);
      setState({ ...s });
    });
    connection.current = chat;
    chat
      .start(lang)
      .catch((error: unknown) => setFailed(error instanceof UnverifiedRecipients ? 'unverified' : 'failed'));
  };

  useEffect(() => () => connection.current?.stop(), []);
  useEffect(() => {
    let live = true;
    void chatAvailability(pack, new Date()).then((a) => live && setAvailability(a));
    return () => {
      live = false;
    };
  }, [pack]);
  // After a while in line, leaving a message (an ordinary report) is offered too.
  const waiting = state?.status === 'waiting';
  useEffect(() => {
    if (!waiting) return;
    const minutes = pack?.meta.liveChat?.offerMessageAfterMinutes ?? DEFAULT_OFFER_MESSAGE_AFTER_MINUTES;
    const timer = setTimeout(() => setWaitedLong(true), minutes * 60_000);
    return () => clearTimeout(timer);
  }, [waiting, pack]);

  /** Leaves the line (or the offer) for the report flow: a message the helpline answers later. */
  const leaveMessage = () => {
    connection.current?.stop();
    nav.go(FIRST_STEP);
  };
  const leaveMessageOffer = (
    <div class="flow-continue">
      <p>{t.chatLeaveMessageHint}</p>
      <button type="button" class="secondary-btn" onClick={leaveMessage}>
        {t.chatLeaveMessage}
      </button>
    </div>
  );
  const load = availability?.kind === 'open' ? availability.load : null;
  useEffect(() => listEnd.current?.scrollIntoView({ block: 'nearest' }), [lines.length]);

  const ended = state?.status === 'closed' || state?.status === 'abandoned';
  const send = (event: Event) => {
    event.preventDefault();
    const text = draft.trim();
    if (!text || !connection.current || ended) return;
    setDraft('');
    void connection.current.send(text);
  };

  const sharePhoto = async (item: StoredItem) => {
    setShareError(null);
    try {
      await connection.current?.sharePhoto(item);
    } catch (error) {
      setShareError(error instanceof PhotoTooLarge ? t.chatShareTooBig : t.chatFailed);
    }
  };

  /** One tap: the transcript and the shared photos go to the helpline as an ordinary report. */
  const makeReport = async () => {
    const chat = connection.current;
    if (!chat || (report && report.stage !== 'failed')) return;
    setReport({ code: null, stage: 'sending' });
    let code: string | null = null;
    try {
      const made = await makeChatReport({
        transcript: transcriptText(t.chatTranscriptTitle(new Date().toLocaleString(lang)), chat.lines, {
          you: t.chatYou,
          helpline: t.chatHelpline,
          photo: t.chatPhoto,
          unreadable: t.chatUnreadable,
        }),
        description: t.chatReportDescription,
        lang,
        ageBand: (chat.ageBand ?? 'unknown') as AgeBand,
        photos: chat.sharedPhotos,
      });
      code = made.code;
      setReport({ code, stage: 'sending' });
      const { accessToken } = await made.inQueue;
      setReport({ code, stage: 'done' });
      await chat.linkReport(accessToken);
    } catch (error) {
      setReport({ code, stage: error instanceof UnverifiedRecipients ? 'unverified' : 'failed' });
    }
  };

  if (availability?.kind === 'closed') {
    const timeZone = pack?.meta.timeZone ?? 'UTC';
    return (
      <section class="screen chat-screen">
        <Title>{t.chatTitle}</Title>
        <p class="lead" data-testid="chat-closed">
          {t.chatClosed}{' '}
          {availability.nextOpening
            ? t.chatOpensAt(formatOpening(availability.nextOpening, lang, timeZone))
            : t.chatClosedNoNext}
        </p>
        <h2>{t.chatCrisisTitle}</h2>
        <ul class="lines" data-testid="chat-crisis-lines">
          {crisis.map((line) => {
            const hours = formatHours(line.hours, lang, t.crisisAlways);
            return (
              <li key={line.id} class="line">
                <h3>
                  <bdi>{line.name}</bdi>
                </h3>
                {hours && <p class="hours">{hours}</p>}
                <div class="line-actions">
                  {line.phones.map((phone) => (
                    <a key={phone.number} class="call" href={`tel:${phone.number}`}>
                      {t.crisisCall(keepLtr(phone.display ?? phone.number, lang))}
                    </a>
                  ))}
                </div>
              </li>
            );
          })}
        </ul>
        {leaveMessageOffer}
      </section>
    );
  }

  if (!connection.current) {
    return (
      <section class="screen chat-screen">
        <Title>{t.chatTitle}</Title>
        <p class="lead">{t.chatIntro}</p>
        {load?.full && (
          <p data-testid="chat-full">
            {t.chatFull(load.waiting)}
            {load.expectedWaitMinutes !== null && <> {t.chatExpectedWait(load.expectedWaitMinutes)}</>}
          </p>
        )}
        <button type="button" class="primary-btn" onClick={begin}>
          {load?.full ? t.chatJoinQueue : t.chatStart}
        </button>
        {load?.full && leaveMessageOffer}
      </section>
    );
  }

  return (
    <section class="screen chat-screen">
      <Title>{t.chatTitle}</Title>
      <p class="chat-state" role="status" data-testid="chat-state">
        {failed === 'unverified'
          ? t.chatUnverified
          : failed
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
            {line.photo ? (
              <span class="chat-photo">
                {line.photoUrl && <img class="thumb" src={line.photoUrl} alt="" width={96} height={96} />}
                <span>{t.chatPhotoShared}</span>
              </span>
            ) : (
              <span class="chat-text">{line.text ?? t.chatUnreadable}</span>
            )}
            {line.seq === null && <span class="chat-pending">{t.chatSending}</span>}
          </li>
        ))}
        <li ref={listEnd} class="chat-end" aria-hidden="true" />
      </ol>
      {waiting && (waitedLong || load?.full) && leaveMessageOffer}
      {shareError && (
        <p class="error" role="alert">
          {shareError}
        </p>
      )}
      {sharing && !ended && <SharePhoto onShare={sharePhoto} onClose={() => setSharing(false)} />}
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
          {!sharing && state && state.status !== 'starting' && (
            <button type="button" class="secondary-btn" onClick={() => setSharing(true)}>
              {t.chatShare}
            </button>
          )}
        </form>
      )}
      {lines.length > 0 && (!report || report.stage === 'failed') && (
        <div class="flow-continue">
          <p>{t.chatMakeReportHint}</p>
          <button type="button" class="secondary-btn" onClick={() => void makeReport()}>
            {t.chatMakeReport}
          </button>
        </div>
      )}
      {report && (
        <div class="chat-report" data-testid="chat-report">
          <p role="status">
            {report.stage === 'done'
              ? t.chatReportDone
              : report.stage === 'unverified'
                ? t.sendingUnverified
                : report.stage === 'failed'
                  ? t.chatReportFailed
                  : t.chatReportSending}
          </p>
          {report.code && <ReceiptCode code={report.code} />}
        </div>
      )}
    </section>
  );
}
