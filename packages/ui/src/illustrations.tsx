/**
 * Small illustrations: a picture of what the words beside them say, for a child who reads slowly. Drawn
 * like the pictograms (icons.tsx): a few lines in `currentColor`, decorative (aria-hidden). Apart from the
 * pictograms because they live on later screens: the first screen's bundle does not carry them.
 */

/**
 * "Sealed and safe": an envelope closed with a round seal that carries a tick, for the receipt. The seal's
 * fill is `currentColor` at low opacity: a second tone that still follows forced colours.
 */
export function SealedIllustration() {
  return (
    <svg
      class="illustration"
      viewBox="0 0 48 48"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      stroke-width="2.2"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      <path d="M30 38H5V12h36v12M5 12l18 14 18-14" />
      <circle cx="36" cy="36" r="8" fill="currentColor" fill-opacity="0.15" />
      <path d="M32.5 36l2.5 2.5 4.5-5" />
    </svg>
  );
}
