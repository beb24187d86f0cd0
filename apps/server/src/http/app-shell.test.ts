import { join } from 'node:path';
import { SHELL_CRISIS_ELEMENT_ID, type ShellCrisis } from '@vangnet/core';
import { describe, expect, it } from 'vitest';
import { loadCountryPack } from '../country-pack/load.ts';
import { reporterShell } from './app-shell.ts';

const built = `<!doctype html>
<html lang="nl">
  <head>
    <title>Vangnet</title>
  </head>
  <body><div id="app"></div><noscript>112</noscript></body>
</html>`;

const packsDir = join(import.meta.dirname, '../../../../country-packs');

function crisisIn(html: string): ShellCrisis {
  const match = new RegExp(
    `<script type="application/json" id="${SHELL_CRISIS_ELEMENT_ID}">(.*?)</script>`,
  ).exec(html);
  if (!match?.[1]) throw new Error('no crisis block in the page');
  return JSON.parse(match[1]) as ShellCrisis;
}

describe('reporterShell', () => {
  it.each([
    ['NL', 'nl', ['112', '113', '0800-0113']],
    ['BE-VL', 'nl', ['101', '112', '1813']],
  ])("%s: writes the pack's crisis lines, texts and language into the page", async (code, lang, numbers) => {
    const pack = await loadCountryPack(join(packsDir, code));
    const html = reporterShell(built, pack);
    const crisis = crisisIn(html);
    expect(crisis.lines).toEqual(pack.crisis);
    expect(crisis.defaultLanguage).toBe(pack.meta.defaultLanguage);
    for (const line of pack.crisis) {
      expect(crisis.texts[lang]?.[`crisis.${line.id}.description`]).toBe(
        pack.texts[lang]?.[`crisis.${line.id}.description`],
      );
    }
    expect(html).toContain(`<html lang="${pack.meta.defaultLanguage}"`);
    const noscript = /<noscript>(.*?)<\/noscript>/.exec(html)?.[1] ?? '';
    for (const n of numbers) expect(noscript).toContain(n);
  });

  it('keeps a text that looks like HTML from ending the data block', async () => {
    const pack = await loadCountryPack(join(packsDir, 'NL'));
    const key = `crisis.${pack.crisis[0]!.id}.description`;
    const hostile = {
      ...pack,
      texts: { ...pack.texts, nl: { ...pack.texts.nl, [key]: '</script><script>alert(1)</script>' } },
    };
    const html = reporterShell(built, hostile);
    expect(html).not.toContain('<script>alert(1)');
    expect(crisisIn(html).texts.nl?.[key]).toBe('</script><script>alert(1)</script>');
  });
});
