import { type ColourTokens, colourTokens } from './brand-tokens.ts';
import type { CountryPack } from './schema.ts';

/**
 * What both apps need to look like the country's helpline: its name, logo, colour tokens per scheme and
 * short greeting in each language. The server writes it into each app's HTML
 * (`<script type="application/json" id="vangnet-brand">`), so the brand comes with the first byte, from
 * the pack, never from app code.
 */
export type BrandView = {
  appName: string;
  helplineName: string;
  /** The logo as SVG markup (shown through an <img>, so it can run nothing and fetch nothing). */
  logoSvg?: string;
  light: ColourTokens;
  /** Absent: the design system's own dark colours. */
  dark?: ColourTokens;
  /** language → the helpline's greeting (texts `branding.greeting`). */
  greeting: Record<string, string>;
  unverified: boolean;
};

export const BRAND_ELEMENT_ID = 'vangnet-brand';
export const GREETING_KEY = 'branding.greeting';

export function brandView(pack: {
  meta: Pick<CountryPack['meta'], 'branding' | 'helpline'> &
    Partial<Pick<CountryPack['meta'], 'defaultLanguage'>>;
  texts: CountryPack['texts'];
}): BrandView {
  const { branding, defaultLanguage } = pack.meta;
  const greeting: Record<string, string> = {};
  // The default language first: a language without its own greeting shows the default's (greetingIn).
  const languages = Object.entries(pack.texts).sort(
    ([a], [b]) => Number(b === defaultLanguage) - Number(a === defaultLanguage),
  );
  for (const [lang, texts] of languages) {
    const text = texts[GREETING_KEY]?.trim();
    if (text) greeting[lang] = text;
  }
  return {
    appName: branding.appName,
    helplineName: pack.meta.helpline.name,
    ...(branding.logo ? { logoSvg: branding.logo } : {}),
    light: colourTokens(branding.colours, 'light'),
    ...(branding.dark ? { dark: colourTokens(branding.dark, 'dark') } : {}),
    greeting,
    unverified: branding.unverified ?? false,
  };
}

/** The CSS custom properties a brand sets (packages/ui/src/tokens.css reads `--brand-*` and `--brand-dark-*`). */
export function brandProperties(brand: Pick<BrandView, 'light' | 'dark'>): [string, string][] {
  const props = (prefix: string, tokens: ColourTokens) =>
    (Object.keys(tokens) as (keyof ColourTokens)[]).map((name): [string, string] => [
      `--${prefix}-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
      tokens[name],
    ]);
  return [...props('brand', brand.light), ...(brand.dark ? props('brand-dark', brand.dark) : [])];
}

/** An SVG as an image address: shown by <img>, it cannot run script or load anything else. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
