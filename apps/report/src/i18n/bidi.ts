import { textDirection } from '@vangnet/core/icu/direction';

/**
 * A phone number, e-mail address or code put into a sentence of a right-to-left language: wrapped in a
 * left-to-right isolate (U+2066 … U+2069, the text form of `<bdi dir="ltr">`), or "+31 800 0432" would
 * show as "0432 800 31+" inside Arabic. Left-to-right languages get the text unchanged.
 */
export function keepLtr(value: string, lang: string): string {
  return textDirection(lang) === 'rtl' ? `\u2066${value}\u2069` : value;
}

/**
 * A name from the pack ("113 Zelfmoordpreventie") put into a sentence of a right-to-left language: in a
 * first-strong isolate (U+2068 … U+2069, the text form of `<bdi>`), so it keeps its own direction and a
 * leading number stays in front. Left-to-right languages get the text unchanged.
 */
export function isolate(value: string, lang: string): string {
  return textDirection(lang) === 'rtl' ? `\u2068${value}\u2069` : value;
}
