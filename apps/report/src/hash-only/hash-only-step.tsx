import { MAX_REPORT_HASHES, type ReportHash } from '@vangnet/core/report-metadata';
import { useState } from 'preact/hooks';
import { type Draft, updateDraft } from '../flow/draft.ts';
import { StepFrame } from '../flow/step-frame.tsx';
import { stepAfter } from '../flow/steps.ts';
import { useI18n } from '../i18n/index.ts';
import { useNav } from '../nav.ts';

/**
 * The evidence step for image abuse and sextortion (docs/hash-only-reports.md): the child picks the
 * picture, the phone makes codes from it, and only the codes go in the report. The picture is not
 * uploaded, not sealed and not put in the vault; the file is read once, in a worker, and dropped.
 */
export function HashOnlyStep({ draft }: { draft: Draft }) {
  const { t } = useI18n();
  const nav = useNav();
  const hashes = draft.hashes ?? [];
  const [progress, setProgress] = useState<number | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);

  const onFiles = async (input: HTMLInputElement) => {
    const files = Array.from(input.files ?? []);
    input.value = '';
    if (!files.length) return;
    setError(null);
    const room = MAX_REPORT_HASHES - hashes.length;
    if (files.length > room) setError(t.hashOnlyMax);
    // Loaded only on this route: the hasher is not part of any other screen.
    const { hashFile } = await import('./hash-file.ts');
    let added: ReportHash[] = [];
    for (const file of files.slice(0, Math.max(room, 0))) {
      setProgress(0);
      setStatus(t.hashOnlyWorking);
      try {
        added = [...added, await hashFile(file, setProgress)];
      } catch {
        setError(t.hashOnlyFailed);
      }
    }
    setProgress(null);
    if (added.length) {
      await updateDraft({ hashes: [...hashes, ...added] });
      setStatus(t.hashOnlyDone);
    } else {
      setStatus('');
    }
  };

  const remove = (i: number) => {
    const rest = hashes.filter((_, j) => j !== i);
    void updateDraft({ hashes: rest });
  };

  const busy = progress !== null;
  return (
    <StepFrame
      step="evidence"
      title={t.hashOnlyTitle}
      hint={t.hashOnlyHint}
      canNext={!busy}
      onNext={() => nav.go(stepAfter('evidence'))}
    >
      <p>{t.hashOnlyWhy}</p>
      <div class="file-picks">
        <input
          id="hash-pick"
          class="file-input"
          type="file"
          accept="image/*,video/*"
          multiple
          disabled={busy || hashes.length >= MAX_REPORT_HASHES}
          onChange={(e) => onFiles(e.currentTarget)}
        />
        <label for="hash-pick" class="secondary-btn file-label">
          {t.hashOnlyPick}
        </label>
      </div>
      {busy && (
        <div class="field">
          <label for="hash-progress">{t.hashOnlyWorking}</label>
          <progress id="hash-progress" max={1} value={progress} />
        </div>
      )}
      <p class={busy || status ? 'note' : 'visually-hidden'} role="status" aria-live="polite">
        {status}
      </p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <h2>{hashes.length === 0 ? t.hashOnlyNone : t.hashOnlyCount(hashes.length)}</h2>
      {hashes.length > 0 && (
        <ul class="items hash-items">
          {hashes.map((h, i) => (
            <li key={h.sha256 ?? h.md5 ?? h.pdq}>
              <span class="item-text">
                {t.hashOnlyItem(i + 1)}
                {h.kind === 'image' && !h.pdq && <span class="option-hint">{t.hashOnlyNoPdq}</span>}
                <code class="hash-code" data-testid="hash-code">
                  {[h.pdq, h.md5, h.sha256].filter(Boolean).join('\n')}
                </code>
              </span>
              <button type="button" class="link-btn" onClick={() => remove(i)}>
                {t.hashOnlyRemove}
                <span class="visually-hidden"> {t.hashOnlyItem(i + 1)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="field">
        <label for="hash-links">{t.hashOnlyLinksLabel}</label>
        <textarea
          id="hash-links"
          dir="ltr"
          rows={3}
          value={draft.links}
          onInput={(e) => updateDraft({ links: (e.currentTarget as HTMLTextAreaElement).value })}
        />
        <p class="note">{t.hashOnlyLinksNote}</p>
      </div>
    </StepFrame>
  );
}
