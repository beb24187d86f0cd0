import { useState } from 'preact/hooks';
import { useDraft } from '../flow/draft.ts';
import { useI18n } from '../i18n/index.ts';
import { wordsFor } from '../i18n/role-words.ts';

/** "123 456 …": groups of three are easier to read aloud, copy by hand and type back. */
export function groupCode(code: string): string {
  return code.replace(/(\d{3})(?=\d)/g, '$1 ');
}

/** Draws the code on a canvas and offers it as a PNG download: a picture in the phone's gallery. */
function saveAsImage(code: string, title: string): void {
  const canvas = document.createElement('canvas');
  canvas.width = 900;
  canvas.height = 360;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.strokeStyle = '#1d4f91';
  ctx.lineWidth = 8;
  ctx.setLineDash([24, 12]);
  ctx.strokeRect(24, 24, canvas.width - 48, canvas.height - 48);
  ctx.fillStyle = '#1a1a1a';
  ctx.textAlign = 'center';
  ctx.font = '600 40px system-ui, sans-serif';
  ctx.fillText(title, canvas.width / 2, 120);
  ctx.font = '700 56px ui-monospace, monospace';
  ctx.fillText(groupCode(code), canvas.width / 2, 220);
  canvas.toBlob((blob) => {
    if (!blob) return;
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = 'code.png';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }, 'image/png');
}

export function ReceiptCode({ code }: { code: string }) {
  // "Keep it safe" in the reporter's own register (a parent is addressed with "vous" in French).
  const t = wordsFor(useI18n().t, useDraft()?.role);
  const [copied, setCopied] = useState(false);
  return (
    <div class="receipt">
      <p class="receipt-code" data-testid="receipt-code" dir="ltr">
        {groupCode(code)}
      </p>
      <p>{t.receiptWhy}</p>
      <div class="actions">
        <button
          type="button"
          class="secondary-btn"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(groupCode(code));
              setCopied(true);
            } catch {
              setCopied(false);
            }
          }}
        >
          {t.receiptCopy}
        </button>
        <button type="button" class="secondary-btn" onClick={() => saveAsImage(code, t.receiptImageTitle)}>
          {t.receiptSave}
        </button>
      </div>
      <p role="status" class="done">
        {copied ? t.receiptCopied : ''}
      </p>
    </div>
  );
}
