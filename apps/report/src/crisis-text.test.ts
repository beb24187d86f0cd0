import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCountryPack, publicPack } from '../../server/src/country-pack/load.ts';
import { crisisDescription, emergencyNumbers } from './crisis-text.ts';
import { shellCrisisLines } from './shell-crisis.ts';

const packDir = (country: string) =>
  fileURLToPath(new URL(`../../../country-packs/${country}`, import.meta.url));

describe('crisis texts', () => {
  it.each([
    ['NL', ['112']],
    ['BE-VL', ['101', '112']],
  ])('%s: the emergency numbers come from the line for a danger answer', async (country, numbers) => {
    const pack = publicPack(await loadCountryPack(packDir(country)));
    expect(emergencyNumbers(pack.crisis)).toEqual(numbers);
  });

  it('with a pack, a line says what it is for in the app language, else the pack default', async () => {
    const pack = publicPack(await loadCountryPack(packDir('BE-VL')));
    expect(crisisDescription(pack, 'fr', 'emergency')?.lang).toBe('fr');
    expect(crisisDescription(pack, 'sv', 'emergency')?.lang).toBe('nl');
  });

  it('on a page served without a pack, only the European emergency number shows', () => {
    // Vitest runs without a DOM: no page, so no country's lines, and no description to invent.
    expect(emergencyNumbers(shellCrisisLines())).toEqual(['112']);
    expect(crisisDescription(null, 'nl', 'emergency')).toBeUndefined();
  });
});
