import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { OpenedItem } from '../case/open-case.ts';
import { formatDateTime } from '../lib/format.ts';
import { text } from '../lib/text.ts';
import { downloadPlain, ImageViewer, MediaPlayer } from './evidence-viewer.tsx';
import { IntegrityBadge } from './integrity.tsx';

const INLINE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const PLAYABLE_VIDEO = new Set(['video/mp4', 'video/webm', 'video/ogg']);
const PLAYABLE_AUDIO = new Set([
  'audio/mpeg',
  'audio/mp4',
  'audio/aac',
  'audio/ogg',
  'audio/opus',
  'audio/webm',
  'audio/wav',
  'audio/x-wav',
  'audio/wave',
]);

/**
 * One opened item. Images show as a preview from a blob: URL (allowed by the CSP) revoked when the
 * case closes, and open full size in a viewer; audio and video play from a blob: URL that exists only
 * while the player is open; anything else downloads on request. Nothing is written to disk or cache
 * unless the worker saves it.
 */
export function EvidenceItem({ item, index }: { item: OpenedItem; index: number }) {
  const m = item.manifest;
  const type = m.mediaType.split(';')[0]!.trim().toLowerCase();
  const image = item.plain !== null && INLINE_IMAGES.has(type);
  const media = PLAYABLE_VIDEO.has(type) ? 'video' : PLAYABLE_AUDIO.has(type) ? 'audio' : null;
  const preview = useMemo(
    () => (item.plain && image ? URL.createObjectURL(new Blob([item.plain as BlobPart], { type })) : null),
    [item.plain, image, type],
  );
  useEffect(() => () => (preview ? URL.revokeObjectURL(preview) : undefined), [preview]);
  const [open, setOpen] = useState<'viewer' | 'player' | null>(null);
  const playButton = useRef<HTMLButtonElement>(null);
  const label = m.name ?? `${m.kind} ${index + 1}`;
  const textContent = useMemo(
    () =>
      item.plain && (m.kind === 'text' || type === 'text/plain')
        ? new TextDecoder().decode(item.plain)
        : null,
    [item.plain, m.kind, type],
  );
  const t = text.viewer;
  return (
    <li class="evidence" data-item-id={m.id}>
      <h3>{label}</h3>
      <p class="muted">
        {m.mediaType} · {text.pdf.bytes(m.size)} · {text.case.captured}{' '}
        <time dateTime={m.capturedAt}>{formatDateTime(m.capturedAt)}</time>
      </p>
      {preview && (
        <button
          type="button"
          class="evidence-open"
          aria-label={t.open(label)}
          onClick={() => setOpen('viewer')}
        >
          <img src={preview} alt="" class="evidence-image" />
        </button>
      )}
      {open === 'viewer' && item.plain && (
        <ImageViewer plain={item.plain} type={type} label={label} onClose={() => setOpen(null)} />
      )}
      {item.plain && media && open !== 'player' && (
        <p>
          <button type="button" ref={playButton} onClick={() => setOpen('player')}>
            {t.play(label)}
          </button>
        </p>
      )}
      {item.plain && media && open === 'player' && (
        <MediaPlayer
          plain={item.plain}
          type={type}
          kind={media}
          label={label}
          onClose={() => {
            setOpen(null);
            // The play button comes back; focus goes to it, where the worker was.
            queueMicrotask(() => playButton.current?.focus());
          }}
        />
      )}
      {/* A long text (a chat transcript) scrolls inside its box: focusable, so the keyboard scrolls it too. */}
      {textContent !== null && (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus (WCAG 2.1.1)
        <section class="evidence-text" aria-label={label} tabIndex={0}>
          <pre>{textContent}</pre>
        </section>
      )}
      {item.plain && !image && !media && textContent === null && <p class="muted">{t.notShown}</p>}
      {item.plain && (
        <p>
          <button type="button" class="small" onClick={() => downloadPlain(item.plain!, type, label)}>
            {t.download(label)}
          </button>
        </p>
      )}
      <IntegrityBadge item={item} />
      <p class="hash">
        SHA-256 <code>{m.sha256}</code>
      </p>
    </li>
  );
}
