import { useEffect, useState } from 'preact/hooks';
import { markDraftSent } from '../draft-flag.ts';
import { updateDraft, useDraft } from '../flow/draft.ts';
import { useI18n } from '../i18n/index.ts';
import { useNav } from '../nav.ts';
import { Title } from '../shell.tsx';
import { isUnlocked, listItems } from '../vault/vault-store.ts';
import { onProgress, outboxEntry, processOutbox, type SendProgress } from './outbox.ts';
import { prepareReport } from './prepare.ts';
import { ReceiptCode } from './receipt-code.tsx';

type Stage = 'lock' | SendProgress['stage'];

/** Seals (once), then sends with progress. Offline: says so, shows the code, and retries by itself. */
export function Sending() {
  const { t, lang } = useI18n();
  const nav = useNav();
  const draft = useDraft();
  const [stage, setStage] = useState<Stage>('lock');
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  // The server said no (a problem+json code): retrying the same bytes will not help.
  const [rejected, setRejected] = useState(false);

  useEffect(() => {
    if (!draft) return;
    let live = true;
    let stop = () => {};
    (async () => {
      let id = draft.outboxId;
      if (!id) {
        // After a reload the vault is locked again; the review screen asks for the PIN.
        if ((await listItems()).length > 0 && !isUnlocked()) return nav.replace('review');
        const prepared = await prepareReport(draft, lang);
        await updateDraft({ outboxId: prepared.outboxId, receipt: prepared.code });
        markDraftSent(true);
        id = prepared.outboxId;
      }
      if (!live) return;
      const entryId = id;
      const entry = await outboxEntry(entryId);
      if (entry?.state === 'done') return nav.replace('receipt');
      stop = onProgress((p) => {
        if (p.entryId !== entryId || !live) return;
        setStage(p.stage);
        if (p.stage === 'sending') setProgress({ sent: p.sent, total: p.total });
        if (p.stage === 'failed') setRejected(true);
        if (p.stage === 'done') nav.replace('receipt');
      });
      void processOutbox();
    })().catch(() => live && setStage('failed'));
    const retry = () => void processOutbox();
    addEventListener('online', retry);
    return () => {
      live = false;
      stop();
      removeEventListener('online', retry);
    };
    // Runs once per visit of this screen; the draft arrives once.
  }, [draft === null]);

  return (
    <section class="screen sending">
      <Title>{t.sendingTitle}</Title>
      <p role="status" aria-live="polite">
        {stage === 'lock' && t.sendingLock}
        {stage === 'sending' && t.sendingUpload}
        {stage === 'waiting' && t.sendingWaiting}
        {stage === 'unverified' && t.sendingUnverified}
        {stage === 'failed' && (rejected ? t.sendingRejected : t.sendingFailed)}
        {stage === 'done' && t.sendingDone}
      </p>
      {stage === 'sending' && progress && (
        <progress max={progress.total} value={progress.sent} aria-label={t.sendingUpload} />
      )}
      {(stage === 'waiting' || stage === 'failed' || stage === 'unverified') && (
        <>
          {draft?.receipt && !rejected && <ReceiptCode code={draft.receipt} />}
          <div class="actions">
            {rejected ? (
              <button type="button" class="primary-btn" onClick={() => nav.go('crisis')}>
                {t.helpNow}
              </button>
            ) : (
              <button type="button" class="primary-btn" onClick={() => void processOutbox()}>
                {t.sendingRetry}
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}
