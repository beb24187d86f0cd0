import { type CrisisLine, type PublicPack, packTextIn } from './pack.ts';
import { shellCrisis } from './shell-crisis.ts';

/**
 * The numbers to call in danger: those of the crisis line the pack sends a `danger` answer to (NL: 112,
 * BE-VL: 101 and 112). Data, not code: a new country only changes its crisis.yaml.
 */
export function emergencyNumbers(lines: readonly CrisisLine[]): string[] {
  const line = lines.find((l) => l.when.flags?.includes('danger'));
  return line ? line.phones.map((p) => p.display ?? p.number) : [];
}

/**
 * What a crisis line is for (`crisis.<id>.description`), in the app's language, else the pack's default
 * language (the caller marks it with `lang`). Without a pack, the texts the server wrote into the page.
 */
export function crisisDescription(
  pack: PublicPack | null,
  lang: string,
  lineId: string,
): { text: string; lang: string } | undefined {
  const key = `crisis.${lineId}.description`;
  if (pack) return packTextIn(pack, lang, key);
  const shell = shellCrisis();
  if (!shell) return undefined;
  const own = shell.texts[lang]?.[key];
  if (own) return { text: own, lang };
  const fallback = shell.texts[shell.defaultLanguage]?.[key];
  return fallback ? { text: fallback, lang: shell.defaultLanguage } : undefined;
}
