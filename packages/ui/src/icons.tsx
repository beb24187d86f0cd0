/**
 * The design system's pictograms: tiny hand-drawn line icons on a 24-unit grid (inline SVG: no icon font,
 * no request), each a few path commands in `currentColor`, so they follow the text's colour in light, dark
 * and forced colours alike. Always decorative: the text beside an icon is its name, so the icon is hidden
 * from assistive technology. One constant an icon, so a bundle carries only the icons it uses.
 */

/** "Help now": a lifebuoy. */
export const ICON_LIFEBUOY =
  'M12 3a9 9 0 1 0 .1 0zM12 8a4 4 0 1 0 .1 0zM6 6l3 3M15 15l3 3M18 6l-3 3M9 15l-3 3';
/** A conversation: two speech bubbles. */
export const ICON_CHAT = 'M3 4h12v8H8l-5 4zM9 15v1h6l5 4V8h-2';
/** Telling what happened: a sheet with lines and a pencil. */
export const ICON_REPORT = 'M14 3H5v18h14v-6M8 8h5M8 12h3M8 16h6M20 4l1.5 1.5L14 13h-2v-2z';
/** Following a report up with its code: a key. */
export const ICON_KEY = 'M8 11a4 4 0 1 0 .1 0zM11 13l9-9M16 8l3 3M18 6l2 2';
/** Ideas of what to do: a light bulb. */
export const ICON_IDEA =
  'M9 18h6M10 21h4M12 3a6 6 0 0 0-4 10.5c.8.8 1 1.5 1 2.5h6c0-1 .2-1.7 1-2.5A6 6 0 0 0 12 3z';
/** Agreements at home: a house with a tick. */
export const ICON_HOME = 'M3 11l9-7 9 7M5 9.5V20h14V9.5M9 14.5l2 2 4-4';
/** Calling: a telephone handset. */
export const ICON_PHONE =
  'M5 3h4l2 5-3 1a11 11 0 0 0 7 7l1-3 5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 5a2 2 0 0 1 2-2z';
/** Writing an e-mail: an envelope. */
export const ICON_MAIL = 'M3 6h18v12H3zM3 7l9 6 9-6';
/** Languages, and a website: a globe. */
export const ICON_GLOBE = 'M12 3a9 9 0 1 0 .1 0zM3 12h18M12 3c4 4 4 14 0 18M12 3c-4 4-4 14 0 18';

/** One line icon. `d` is one of the constants above (or an app's own, like the report categories). */
export function Icon({ d, class: className }: { d: string; class?: string }) {
  return (
    <svg
      class={className ? `icon ${className}` : 'icon'}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      stroke-width="1.8"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      <path d={d} />
    </svg>
  );
}
