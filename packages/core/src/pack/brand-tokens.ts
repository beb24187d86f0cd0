import { contrastRatio } from './contrast.ts';

/** The five colours a pack's brand sets, for one colour scheme (pack.yaml `branding.colours` / `.dark`). */
export type BrandColours = {
  primary: string;
  onPrimary: string;
  background: string;
  text: string;
  accent: string;
};

/** Every colour token the apps draw with, for one scheme: the brand's five and those derived from them. */
export type ColourTokens = BrandColours & {
  /** A calm tint of the primary colour: selected choices, notes, the helpline's chat lines. */
  soft: string;
  /** Secondary text (hints, step counts). */
  muted: string;
  /** Borders of fields and cards (WCAG 1.4.11: 3:1 against the background). */
  line: string;
  /** Quick exit, crisis help, errors: the design system's own, never the brand's. */
  urgent: string;
  onUrgent: string;
};

export type Scheme = 'light' | 'dark';

/**
 * The design system's fixed colours (packages/ui/src/tokens.css repeats them; its test keeps them equal).
 * Danger stays one recognisable red in every country.
 */
export const FIXED_COLOURS: Record<Scheme, { urgent: string; onUrgent: string }> = {
  light: { urgent: '#a4161a', onUrgent: '#ffffff' },
  dark: { urgent: '#ff9b94', onUrgent: '#1a0505' },
};

/** `a` mixed into `b` by `share` (0 → b, 1 → a), in sRGB. */
export function mix(a: string, b: string, share: number): string {
  const channel = (hex: string, i: number) => Number.parseInt(hex.slice(i, i + 2), 16);
  const out = [1, 3, 5].map((i) =>
    Math.round(channel(a, i) * share + channel(b, i) * (1 - share))
      .toString(16)
      .padStart(2, '0'),
  );
  return `#${out.join('')}`;
}

/** The full token set a brand gives for one scheme. Pure: the apps and `pack check` use the same one. */
export function colourTokens(colours: BrandColours, scheme: Scheme): ColourTokens {
  const lower = (hex: string) => hex.toLowerCase();
  const c = {
    primary: lower(colours.primary),
    onPrimary: lower(colours.onPrimary),
    background: lower(colours.background),
    text: lower(colours.text),
    accent: lower(colours.accent),
  };
  return {
    ...c,
    soft: mix(c.primary, c.background, scheme === 'light' ? 0.08 : 0.16),
    muted: mix(c.text, c.background, 0.8),
    line: mix(c.text, c.background, 0.55),
    ...FIXED_COLOURS[scheme],
  };
}

type Token = keyof ColourTokens;
/** Foreground on background, and the contrast WCAG 2.2 AA asks of it (4.5 text, 3 UI parts). */
export const TOKEN_PAIRS: readonly (readonly [Token, Token, number])[] = [
  ['text', 'background', 4.5],
  ['text', 'soft', 4.5],
  ['muted', 'background', 4.5],
  ['muted', 'soft', 4.5],
  ['primary', 'background', 4.5],
  ['primary', 'soft', 4.5],
  ['onPrimary', 'primary', 4.5],
  ['accent', 'background', 3],
  ['line', 'background', 3],
  ['urgent', 'background', 4.5],
  ['onUrgent', 'urgent', 4.5],
];

/** The brand colour a derived token comes from, so a failing pair names what the administrator edits. */
const SOURCE: Record<Token, keyof BrandColours> = {
  primary: 'primary',
  onPrimary: 'onPrimary',
  background: 'background',
  text: 'text',
  accent: 'accent',
  soft: 'primary',
  muted: 'text',
  line: 'text',
  urgent: 'background',
  onUrgent: 'background',
};

export type LowContrast = {
  scheme: Scheme;
  fg: Token;
  bg: Token;
  /** The brand colour to change. */
  colour: keyof BrandColours;
  ratio: number;
  needed: number;
};

/** Every token pair the brand changes that falls short of AA in this scheme. */
export function lowContrastPairs(colours: BrandColours, scheme: Scheme): LowContrast[] {
  const tokens = colourTokens(colours, scheme);
  return TOKEN_PAIRS.flatMap(([fg, bg, needed]) => {
    const ratio = contrastRatio(tokens[fg], tokens[bg]);
    return ratio < needed
      ? [{ scheme, fg, bg, colour: SOURCE[fg] === 'background' ? SOURCE[bg] : SOURCE[fg], ratio, needed }]
      : [];
  });
}

/** The design system's own colours, for a pack without a brand of its own in a scheme (tokens.css repeats them). */
export const DEFAULT_COLOURS: Record<Scheme, BrandColours> = {
  light: {
    primary: '#1d4f91',
    onPrimary: '#ffffff',
    background: '#ffffff',
    text: '#1a1a1a',
    accent: '#b45309',
  },
  dark: {
    primary: '#9cc3f5',
    onPrimary: '#0d1520',
    background: '#121417',
    text: '#e9ecef',
    accent: '#f0b37e',
  },
};
