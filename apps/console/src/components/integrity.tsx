import type { OpenedItem } from '../case/open-case.ts';
import { text } from '../lib/text.ts';

/** Integrity in words and a symbol as well as colour (WCAG 1.4.1): each of the three checks named. */
export function IntegrityBadge({ item }: { item: OpenedItem }) {
  const t = text.integrity;
  const { manifest, receipt, signature } = item.checks;
  return (
    <div
      class={`integrity ${item.ok ? 'integrity-ok' : 'integrity-bad'}`}
      data-integrity={item.ok ? 'ok' : 'bad'}
    >
      <strong>
        <span aria-hidden="true">{item.ok ? '✓ ' : '✗ '}</span>
        {item.ok ? t.ok : t.bad}
      </strong>
      <ul>
        <li>{item.plain === null ? t.missing : manifest ? t.manifest : t.manifestBad}</li>
        {receipt !== undefined && <li>{receipt ? t.receipt : t.receiptBad}</li>}
        {signature !== undefined && <li>{signature ? t.signature : t.signatureBad}</li>}
      </ul>
    </div>
  );
}
