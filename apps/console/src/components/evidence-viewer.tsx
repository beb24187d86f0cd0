import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { text } from '../lib/text.ts';

/** Zoom steps: from a quarter of the real pixels to four times them. */
export const ZOOM_STEPS = [0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4] as const;
const ACTUAL = ZOOM_STEPS.indexOf(1);
/** How far one arrow key moves the picture, in CSS pixels. */
const PAN_PX = 60;

/**
 * One opened image at full size in a modal dialog: + and − zoom, 0 goes back to actual size, the
 * arrow keys move a picture larger than the window, Escape closes and focus returns to the button
 * that opened it. The picture is a blob: URL made from the opened bytes when the viewer opens and
 * revoked when it closes; nothing is written to disk or to any cache.
 */
export function ImageViewer(props: { plain: Uint8Array; type: string; label: string; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const stage = useRef<HTMLElement>(null);
  const opener = useRef<Element | null>(null);
  const [step, setStep] = useState<number>(ACTUAL);
  const [natural, setNatural] = useState<{ w: number; h: number } | null>(null);
  const url = useMemo(
    () => URL.createObjectURL(new Blob([props.plain as BlobPart], { type: props.type })),
    [props.plain, props.type],
  );
  useEffect(() => () => URL.revokeObjectURL(url), [url]);

  useEffect(() => {
    opener.current = document.activeElement;
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    stage.current?.focus();
    return () => {
      if (d?.open) d.close();
      // Back where the worker was: the button that opened the viewer.
      if (opener.current instanceof HTMLElement) opener.current.focus();
    };
  }, []);

  const zoom = ZOOM_STEPS[step]!;
  const t = text.viewer;
  const zoomBy = (delta: number) => setStep((s) => Math.min(ZOOM_STEPS.length - 1, Math.max(0, s + delta)));

  function onKeyDown(event: KeyboardEvent) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const pan: Record<string, [number, number]> = {
      ArrowLeft: [-PAN_PX, 0],
      ArrowRight: [PAN_PX, 0],
      ArrowUp: [0, -PAN_PX],
      ArrowDown: [0, PAN_PX],
    };
    const move = pan[event.key];
    if (move) {
      stage.current?.scrollBy(move[0], move[1]);
    } else if (event.key === '+' || event.key === '=') {
      zoomBy(1);
    } else if (event.key === '-' || event.key === '_') {
      zoomBy(-1);
    } else if (event.key === '0') {
      setStep(ACTUAL);
    } else {
      return;
    }
    event.preventDefault();
  }

  return (
    <dialog
      ref={dialog}
      class="viewer"
      aria-labelledby="viewer-title"
      aria-describedby="viewer-keys"
      onKeyDown={onKeyDown}
      // Escape fires `cancel`; the parent unmounts the viewer, which closes the dialog.
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      <div class="viewer-bar">
        <h2 id="viewer-title">{t.title(props.label)}</h2>
        <button type="button" class="small" onClick={() => zoomBy(-1)} disabled={step === 0}>
          {t.zoomOut}
        </button>
        <output class="viewer-zoom" aria-live="polite" data-zoom={zoom}>
          {t.zoom(Math.round(zoom * 100))}
        </output>
        <button
          type="button"
          class="small"
          onClick={() => zoomBy(1)}
          disabled={step === ZOOM_STEPS.length - 1}
        >
          {t.zoomIn}
        </button>
        <button type="button" class="small" onClick={() => setStep(ACTUAL)}>
          {t.actualSize}
        </button>
        <button type="button" class="small" onClick={props.onClose}>
          {t.close}
        </button>
      </div>
      <p id="viewer-keys" class="muted">
        {t.keys}
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling area must be reachable by keyboard (WCAG 2.1.1) */}
      <section ref={stage} class="viewer-stage" tabIndex={0} aria-label={t.title(props.label)}>
        <img
          src={url}
          alt={props.label}
          onLoad={(e) => setNatural({ w: e.currentTarget.naturalWidth, h: e.currentTarget.naturalHeight })}
          style={natural ? { width: `${natural.w * zoom}px`, height: `${natural.h * zoom}px` } : undefined}
        />
      </section>
    </dialog>
  );
}

/**
 * Audio or video, opened on request: the blob: URL exists only while the player is open and is
 * revoked when it closes.
 */
export function MediaPlayer(props: {
  plain: Uint8Array;
  type: string;
  kind: 'audio' | 'video';
  label: string;
  onClose: () => void;
}) {
  const url = useMemo(
    () => URL.createObjectURL(new Blob([props.plain as BlobPart], { type: props.type })),
    [props.plain, props.type],
  );
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  const media = useRef<HTMLMediaElement>(null);
  useEffect(() => media.current?.focus(), []);
  return (
    <div class="player">
      {props.kind === 'video' ? (
        // biome-ignore lint/a11y/useMediaCaption: evidence as captured has no captions
        <video ref={media as never} src={url} controls class="evidence-image" aria-label={props.label} />
      ) : (
        // biome-ignore lint/a11y/useMediaCaption: evidence as captured has no captions
        <audio ref={media as never} src={url} controls aria-label={props.label} />
      )}
      <button type="button" class="small" onClick={props.onClose}>
        {text.viewer.closePlayer}
      </button>
    </div>
  );
}

/** Saves the opened bytes only when the worker asks: a blob: URL for one click, then revoked. */
export function downloadPlain(plain: Uint8Array, type: string, name: string): void {
  const url = URL.createObjectURL(new Blob([plain as BlobPart], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own copy once started; a second is ample for it to start.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
