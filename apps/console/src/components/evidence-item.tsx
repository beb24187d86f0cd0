import { useEffect, useMemo } from 'preact/hooks';
import type { OpenedItem } from '../case/open-case.ts';
import { formatDateTime } from '../lib/format.ts';
import { text } from '../lib/text.ts';
import { IntegrityBadge } from './integrity.tsx';

const INLINE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const INLINE_VIDEO = new Set(['video/mp4', 'video/webm']);

/**
 * One opened item. Images and videos are shown from object URLs (blob:, allowed by the CSP) made
 * from the opened bytes and revoked when the case closes; nothing is written to disk or cache.
 */
export function EvidenceItem({ item, index }: { item: OpenedItem; index: number }) {
  const m = item.manifest;
  const type = m.mediaType.split(';')[0]!.trim().toLowerCase();
  const url = useMemo(
    () => (item.plain ? URL.createObjectURL(new Blob([item.plain as BlobPart], { type })) : null),
    [item.plain, type],
  );
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  const label = m.name ?? `${m.kind} ${index + 1}`;
  const textContent = useMemo(
    () =>
      item.plain && (m.kind === 'text' || type === 'text/plain')
        ? new TextDecoder().decode(item.plain)
        : null,
    [item.plain, m.kind, type],
  );
  return (
    <li class="evidence" data-item-id={m.id}>
      <h3>{label}</h3>
      <p class="muted">
        {m.mediaType} · {text.pdf.bytes(m.size)} · {text.case.captured}{' '}
        <time dateTime={m.capturedAt}>{formatDateTime(m.capturedAt)}</time>
      </p>
      {url && INLINE_IMAGES.has(type) && (
        <img src={url} alt={text.case.evidenceLabel(index + 1, label)} class="evidence-image" />
      )}
      {url && INLINE_VIDEO.has(type) && (
        // biome-ignore lint/a11y/useMediaCaption: evidence as captured has no captions
        <video
          src={url}
          controls
          class="evidence-image"
          aria-label={text.case.evidenceLabel(index + 1, label)}
        />
      )}
      {textContent !== null && <pre class="evidence-text">{textContent}</pre>}
      {url && (
        <p>
          <a href={url} download={label}>
            {text.case.save(label)}
          </a>
        </p>
      )}
      <IntegrityBadge item={item} />
      <p class="hash">
        SHA-256 <code>{m.sha256}</code>
      </p>
    </li>
  );
}
