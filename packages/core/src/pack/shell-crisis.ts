import type { CountryPack } from './schema.ts';

/**
 * What the reporter app needs to show crisis help before it has the pack: the active pack's crisis lines
 * and what each is for (`crisis.<id>.description`) in every language the pack has. The server writes it
 * into the app's HTML (`<script type="application/json" id="vangnet-crisis">`), so the numbers come with
 * the first byte and from the country pack, never from app code.
 */
export type ShellCrisis = {
  defaultLanguage: string;
  /** The pack's languages, so the app opens in the right one from the first byte (`ga-IE` → `ga`). */
  languages?: string[];
  lines: CountryPack['crisis'];
  /** language → `crisis.<id>.description` → text. */
  texts: Record<string, Record<string, string>>;
};

export const SHELL_CRISIS_ELEMENT_ID = 'vangnet-crisis';

export function shellCrisis(pack: Pick<CountryPack, 'meta' | 'crisis' | 'texts'>): ShellCrisis {
  const keys = pack.crisis.map((line) => `crisis.${line.id}.description`);
  const texts: ShellCrisis['texts'] = {};
  for (const [lang, all] of Object.entries(pack.texts)) {
    const picked = Object.fromEntries(keys.flatMap((key) => (all[key] ? [[key, all[key]]] : [])));
    if (Object.keys(picked).length > 0) texts[lang] = picked;
  }
  return {
    defaultLanguage: pack.meta.defaultLanguage,
    languages: pack.meta.languages.map((l) => l.code),
    lines: pack.crisis,
    texts,
  };
}
