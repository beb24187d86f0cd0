import { BRAND_ELEMENT_ID, type BrandView, brandProperties, svgDataUrl } from '@vangnet/core/pack/brand-view';
import { readPageJson } from './page-json.ts';

let read: BrandView | null | undefined;

/**
 * The active pack's brand as the server wrote it into this page (apps/server/src/http/app-shell.ts), or
 * null on a page served without a pack (a developer's `vite` server): the design system's own look.
 */
export function shellBrand(): BrandView | null {
  if (read === undefined) {
    read = readPageJson<BrandView>(BRAND_ELEMENT_ID, (b) => typeof b.appName === 'string' && !!b.light);
  }
  return read;
}

/**
 * Sets the brand's colour tokens on the root element (tokens.css reads `--brand-*`). CSSOM, not a style
 * element: the CSP allows no inline styles.
 */
export function applyBrand(brand: Pick<BrandView, 'light' | 'dark'> | null): void {
  if (!brand || typeof document === 'undefined') return;
  const { style } = document.documentElement;
  for (const [name, value] of brandProperties(brand)) style.setProperty(name, value);
}

/** The helpline's logo and name, side by side. The logo is an <img>: an SVG there runs and fetches nothing. */
export function BrandMark({
  brand,
  label,
  class: className,
}: {
  brand: BrandView;
  label?: string;
  class?: string;
}) {
  return (
    <span class={`brand-mark${className ? ` ${className}` : ''}`}>
      {brand.logoSvg && <BrandLogo svg={brand.logoSvg} />}
      <span class="brand-name">{label ?? brand.appName}</span>
    </span>
  );
}

/** The logo alone, decorative (the name or greeting beside it says who it is). */
export function BrandLogo({ svg }: { svg: string }) {
  return <img class="brand-logo" src={svgDataUrl(svg)} alt="" width={32} height={32} />;
}

/**
 * The greeting in this language, else in the pack's default language (listed first), with the language
 * it is in, so the page can mark a greeting in another language as such.
 */
export function greetingIn(brand: BrandView, lang: string): { text: string; lang: string } | undefined {
  const own = brand.greeting[lang];
  if (own) return { text: own, lang };
  const [other, text] = Object.entries(brand.greeting)[0] ?? [];
  return other && text ? { text, lang: other } : undefined;
}
