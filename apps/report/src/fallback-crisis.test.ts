import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCountryPack, publicPack } from '../../server/src/country-pack/load.ts';
import { crisisDescription, emergencyNumbers } from './crisis-text.ts';
import { FALLBACK_CRISIS, FALLBACK_CRISIS_TEXTS } from './fallback-crisis.ts';

const packDir = (country: string) =>
  fileURLToPath(new URL(`../../../country-packs/${country}`, import.meta.url));

describe('built-in crisis list', () => {
  it('says the same as the NL pack: the lines, and what each line is for', async () => {
    const pack = publicPack(await loadCountryPack(packDir('NL')));
    expect(FALLBACK_CRISIS.map((l) => l.id)).toEqual(pack.crisis.map((l) => l.id));
    for (const [lang, texts] of Object.entries(FALLBACK_CRISIS_TEXTS.texts)) {
      for (const line of pack.crisis) {
        const key = `crisis.${line.id}.description`;
        expect(texts[key], `${lang} ${key}`).toBe(pack.texts[lang]?.[key]);
      }
    }
  });

  it.each([
    ['NL', ['112']],
    ['BE-VL', ['101', '112']],
  ])('%s: the emergency numbers come from the line for a danger answer', async (country, numbers) => {
    const pack = publicPack(await loadCountryPack(packDir(country)));
    expect(emergencyNumbers(pack.crisis)).toEqual(numbers);
  });

  it('without a pack, a line says what it is for in the built-in texts, else in Dutch', () => {
    expect(crisisDescription(null, 'en', 'emergency')).toEqual({
      text: 'Are you in danger? Call 112. Say where you are.',
      lang: 'en',
    });
    expect(crisisDescription(null, 'fr', 'emergency')?.lang).toBe('nl');
    expect(emergencyNumbers(FALLBACK_CRISIS)).toEqual(['112']);
  });
});
