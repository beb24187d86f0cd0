import { type CountryPack, SHELL_CRISIS_ELEMENT_ID, shellCrisis } from '@vangnet/core';
import { BRAND_ELEMENT_ID, brandView } from '@vangnet/core/pack/brand-view';

/** JSON that cannot end the element it sits in: `<` never appears raw inside the script block. */
function jsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The reporter app's index.html as this server sends it: the page language is the pack's default, the
 * active pack's crisis lines travel inside the HTML as inert JSON (a `type="application/json"` block runs
 * nothing, so the CSP stays `script-src 'self'`), and the no-JavaScript line lists the pack's crisis
 * numbers. The app and its service worker's cached copy of this page therefore show the country's own
 * numbers on a first load whose pack request fails, and offline.
 */
export function reporterShell(html: string, pack: Pick<CountryPack, 'meta' | 'crisis' | 'texts'>): string {
  const crisis = shellCrisis(pack);
  const numbers = [...new Set(crisis.lines.flatMap((line) => line.phones.map((p) => p.display ?? p.number)))];
  const block = `<script type="application/json" id="${SHELL_CRISIS_ELEMENT_ID}">${jsonForHtml(crisis)}</script>`;
  return withBrand(html, pack)
    .replace(/<html lang="[^"]*"/, `<html lang="${escapeHtml(pack.meta.defaultLanguage)}"`)
    .replace(/<noscript>[\s\S]*?<\/noscript>/, `<noscript>${escapeHtml(numbers.join(' · '))}</noscript>`)
    .replace('</head>', `    ${block}\n  </head>`);
}

/**
 * Any app's index.html with the pack's brand (name, logo, colour tokens, greeting) as inert JSON, so the
 * first paint is already in the helpline's colours (packages/ui/src/brand.tsx) with no request more.
 * The console gets this alone.
 */
export function withBrand(html: string, pack: Pick<CountryPack, 'meta' | 'texts'>): string {
  const block = `<script type="application/json" id="${BRAND_ELEMENT_ID}">${jsonForHtml(brandView(pack))}</script>`;
  return html.replace('</head>', `    ${block}\n  </head>`);
}
