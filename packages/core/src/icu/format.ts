import type { IcuCases, IcuMessage } from './ast.ts';

/**
 * The tiny runtime: a compiled message (ast.ts) and its values → text. Plural categories come from
 * `Intl.PluralRules` for the language, numbers from `Intl.NumberFormat`. A missing case falls back to
 * `other`; a missing value prints as nothing. Never throws, so a catalog from a pack cannot break a screen.
 */
export type IcuValues = Readonly<Record<string, unknown>>;

const plurals = new Map<string, Intl.PluralRules>();
const numbers = new Map<string, Intl.NumberFormat>();

function cached<T>(map: Map<string, T>, key: string, make: () => T): T {
  let value = map.get(key);
  if (!value) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/** A tag Intl does not accept (from a pack) gets the root locale's rules instead of an exception. */
function safeLocale(lang: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(lang)[0];
  } catch {
    return undefined;
  }
}

function pick(cases: IcuCases, key: string): IcuMessage {
  return Object.hasOwn(cases, key) ? (cases[key] as IcuMessage) : (cases.other ?? '');
}

export function formatIcu(message: IcuMessage, values: IcuValues, lang: string, pound?: string): string {
  if (typeof message === 'string') return message;
  const locale = safeLocale(lang);
  let out = '';
  for (const part of message) {
    if (typeof part === 'string') out += part;
    else if (part === 0) out += pound ?? '#';
    else {
      const [name, kind] = part;
      const value = values[name];
      if (kind === undefined) out += value === undefined || value === null ? '' : String(value);
      else if (kind === 0) out += formatNumber(Number(value), locale);
      else if (kind === 2) out += formatIcu(pick(part[2], String(value)), values, lang);
      else {
        const n = Number(value);
        const cases = part[2];
        const exact = `=${n}`;
        const rules = cached(plurals, `${locale ?? ''}:${kind}`, () => {
          const type = kind === 3 ? 'ordinal' : 'cardinal';
          return new Intl.PluralRules(locale, { type });
        });
        const chosen = Object.hasOwn(cases, exact) ? exact : rules.select(n - part[3]);
        out += formatIcu(pick(cases, chosen), values, lang, formatNumber(n - part[3], locale));
      }
    }
  }
  return out;
}

function formatNumber(n: number, locale: string | undefined): string {
  return cached(numbers, locale ?? '', () => new Intl.NumberFormat(locale)).format(n);
}
