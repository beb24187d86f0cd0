import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fieldUsesTable } from '@vangnet/core';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const cli = join(root, 'apps/cli/bin/vangnet.mjs');

function vangnet(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000, cwd: root });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const tmp = mkdtempSync(join(tmpdir(), 'vangnet-unused-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('vangnet pack check: unused fields', () => {
  it('names the file and path of a text no screen shows, and still passes', () => {
    const pack = join(tmp, 'NL');
    cpSync(join(root, 'country-packs/NL'), pack, { recursive: true });
    appendFileSync(join(pack, 'texts/en.yaml'), '\nfarewell:\n  title: Goodbye\n');
    const { code, out } = vangnet('pack', 'check', pack);
    expect(out).toContain(
      'warning: texts/en.yaml: farewell.title: unused: no screen of the apps shows this text',
    );
    expect(out.match(/texts\/[a-z-]+\.yaml: [^:]+: unused: /g)).toHaveLength(1);
    expect(code).toBe(0);
  });

  it('names the file and path of a YAML field nothing reads, and still passes', () => {
    const { code, out } = vangnet('pack', 'check', 'apps/cli/test/fixtures/packs/unused-field');
    expect(out).toContain(
      'warning: services.yaml: services[1].web.hours: unused: no screen of the apps and no server behaviour reads this field',
    );
    expect(out.match(/: unused: /g)).toHaveLength(1);
    expect(code).toBe(0);
  });

  // What the real packs set that nothing reads, each counted once with its first place: the `feedback` kind
  // (the app shows the worded text) and `ageOfDigitalConsent` (no consent step). Wiring one to a screen
  // shortens this list (a phone's `free` and hours, a chat's label and a platform's `blockUrl` were wired).
  const common = ['pack.yaml: ageOfDigitalConsent'];
  it.each([
    ['NL', [...common, 'services.yaml: services[0].feedback (and 11 more)']],
    ['BE-VL', [...common, 'services.yaml: services[0].feedback (and 13 more)']],
    ['template', [...common, 'services.yaml: services[0].feedback (and 5 more)']],
  ])('country-packs/%s: no unused text, and only the known unused fields', (name, fields) => {
    const out = vangnet('pack', 'check', `country-packs/${name}`).out;
    const unused = out.split('\n').filter((l) => l.includes(': unused: '));
    const named = unused.map((l) => l.replace(/^warning: /, '').replace(/: unused: .*$/, ''));
    expect(named.sort()).toEqual([...fields].sort());
  });

  it('the table in docs/adapting-a-country.md is the map pack check uses', () => {
    const doc = readFileSync(join(root, 'docs/adapting-a-country.md'), 'utf8');
    const start = '<!-- field-uses:start (generated from packages/core/src/pack/field-uses.ts) -->';
    const inDoc = doc.slice(doc.indexOf(start) + start.length, doc.indexOf('<!-- field-uses:end -->')).trim();
    expect(doc).toContain(start);
    expect(inDoc).toBe(fieldUsesTable());
  });
});
