import { join } from 'node:path';
import { shellTemplate } from '@vangnet/core';
import { describe, expect, it } from 'vitest';
import { loadCountryPack } from '../country-pack/load.ts';
import { reporterShell, withBrand } from './app-shell.ts';

// What the signed build list hashes for index.html (packages/core/src/pack/shell-template.ts) must be
// the same for the built page and for every page this server makes from it, and must change when
// anything else in the page does.
const built = `<!doctype html>
<html lang="nl">
  <head>
    <title>Vangnet</title>
    <script type="module" crossorigin src="/assets/index-a1.js" integrity="sha384-abc"></script>
  </head>
  <body><div id="app"></div><noscript>112</noscript></body>
</html>`;

const packsDir = join(import.meta.dirname, '../../../../country-packs');

describe('shellTemplate', () => {
  it.each(['NL', 'BE-VL'])(
    '%s: the served page gives the same template text as the built page',
    async (code) => {
      const pack = await loadCountryPack(join(packsDir, code));
      const served = reporterShell(built, pack);
      expect(served).not.toBe(built);
      expect(shellTemplate(served)).toBe(shellTemplate(built));
      // The console's page carries the brand alone.
      const console = withBrand(built, pack);
      expect(console).toContain(`"appName":"${pack.meta.branding.appName}"`);
      expect(shellTemplate(console)).toBe(shellTemplate(built));
    },
  );

  it.each([
    ['a script added', (html: string) => html.replace('</body>', '<script src="/x.js"></script></body>')],
    ['an integrity attribute dropped', (html: string) => html.replace(' integrity="sha384-abc"', '')],
    [
      'a script smuggled after the crisis block',
      (html: string) => html.replace('</head>', '<script src="/x.js"></script></head>'),
    ],
    [
      'an attribute added to <html>',
      (html: string) => html.replace('<html lang="nl"', '<html lang="nl" onclick="x()"'),
    ],
  ])('a served page with %s does not pass for the built one', async (_name, change) => {
    const pack = await loadCountryPack(join(packsDir, 'NL'));
    expect(shellTemplate(change(reporterShell(built, pack)))).not.toBe(shellTemplate(built));
  });
});
