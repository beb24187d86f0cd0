/**
 * A horizontal bar chart as inline SVG, drawn on the server: no script, no request, no inline CSS (the
 * page's content security policy allows none). It is one image for a screen reader (`role="img"` with a
 * `<title>`); the numbers are in the table the page puts beside it, so nothing is only in the picture.
 */
export type Bar = { label: string; value: number | null };

export const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const ROW = 26;
const LABEL = 210;
const PLOT = 300;
const WIDTH = LABEL + PLOT + 90;

export function barChart(input: {
  id: string;
  title: string;
  bars: readonly Bar[];
  /** Written where a hidden value would be. */
  hiddenLabel: string;
  format: (value: number) => string;
}): string {
  const max = Math.max(1, ...input.bars.map((b) => b.value ?? 0));
  const height = input.bars.length * ROW + 8;
  const rows = input.bars
    .map((b, i) => {
      const y = 4 + i * ROW;
      const w = b.value === null ? 0 : Math.max(b.value > 0 ? 1 : 0, Math.round((b.value / max) * PLOT));
      const text = b.value === null ? input.hiddenLabel : input.format(b.value);
      return `<g><text x="${LABEL - 8}" y="${y + 17}" text-anchor="end" fill="#1b1b1b" font-size="13">${escapeHtml(b.label)}</text>
<rect x="${LABEL}" y="${y + 4}" width="${w}" height="${ROW - 8}" fill="#1a5fb4"></rect>
<text x="${LABEL + w + 6}" y="${y + 17}" fill="#1b1b1b" font-size="13">${escapeHtml(text)}</text></g>`;
    })
    .join('\n');
  return `<svg role="img" aria-labelledby="${input.id}-title" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" class="chart" focusable="false">
<title id="${input.id}-title">${escapeHtml(input.title)}</title>
${rows}
</svg>`;
}
