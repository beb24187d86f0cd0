import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packJsonSchemas } from '@vangnet/core';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const cli = join(root, 'apps/cli/bin/vangnet.mjs');
const fixtures = join(import.meta.dirname, 'fixtures/packs');

/** Runs the real `vangnet` binary, as an administrator would. */
function vangnet(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000, cwd: root });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('vangnet pack check', () => {
  it.each(['NL', 'BE-VL'])('passes on country-packs/%s and lists unverified details', (name) => {
    const { code, out } = vangnet('pack', 'check', `country-packs/${name}`);
    expect(out).toContain(`country-packs/${name}: OK`);
    expect(out).toContain('every answer combination has a route');
    expect(out).toMatch(/^warning: services\.yaml: services\[\d+\]\.\S+: unverified/m);
    expect(out).not.toMatch(/^(?!warning)\S+\.(yaml|md): /m);
    // The unreviewed share per declared language, a notice: the apps' Turkish and Arabic are marked.
    expect(out).toContain('Unreviewed translations');
    expect(out).toMatch(
      /^ {2}nl: app none of \d+ texts unreviewed; console none of \d+ texts unreviewed; pack texts none of \d+ texts unreviewed; pages none of \d+ pages unreviewed$/m,
    );
    expect(out).toMatch(
      /^ {2}tr: app 100% \((\d+) of \1 texts\) unreviewed; console 100% \((\d+) of \2 texts\) unreviewed; pack texts 100% \((\d+) of \3 texts\) unreviewed; pages 100% \((\d+) of \4 pages\) unreviewed$/m,
    );
    expect(out).toMatch(/^ {2}ar: app 100% \((\d+) of \1 texts\) unreviewed; /m);
    expect(code).toBe(0);
  });

  it.each([
    [
      'missing-route',
      'routes.yaml: rules: no rule matches category harassment, role self, age 18-plus, any flags',
    ],
    [
      'unknown-category',
      'routes.yaml: rules[2].match.categories[1]: unknown value "gossip"; expected one of: harassment,',
    ],
    [
      'bad-phone',
      'services.yaml: services[2].phones[0].number: "020-2615275" is neither E.164 (+…) nor a short number',
    ],
    [
      'untranslated',
      'texts/nl.yaml: services.hotline.description: missing text in a language declared complete',
    ],
    ['unknown-service', 'routes.yaml: rules[2].services[1].service: unknown service "helpdesk"'],
    [
      'low-contrast',
      'pack.yaml: branding.colours.text: text on background (light) is 2.54:1, WCAG AA needs 4.5:1',
    ],
    ['low-contrast', 'pack.yaml: branding.dark.primary: primary on background (dark) is 2.'],
    ['yaml-syntax', 'crisis.yaml: line 7, column 13: Missing closing'],
    [
      'connector-without-recipient',
      "services.yaml: services[1].connector.recipient: Illegal images hotline's webhook connector carries report content: add the partner's age recipient (age1…)",
    ],
    [
      'unverified-crisis-hours',
      'services.yaml: services[2].phones[0].hours: crisis line Suicide prevention line: the hours of 000 000 are unverified',
    ],
  ])('fails on the %s fixture, naming file and path', (name, line) => {
    const { code, out } = vangnet('pack', 'check', join(fixtures, name));
    expect(out).toContain(line);
    expect(out).toContain('the server will not start with this pack');
    expect(code).toBe(1);
  });

  it('fails on the template until its crisis line hours are confirmed: a placeholder is never a fact', () => {
    const { code, out } = vangnet('pack', 'check', 'country-packs/template');
    expect(out).toContain(
      'crisis.yaml: lines[1].hours: crisis line Suicide prevention line: its hours are marked unverified',
    );
    expect(out).toContain('the server will not start with this pack');
    expect(code).toBe(1);
  });

  it('says how to use it when the folder is missing', () => {
    const { code, out } = vangnet('pack', 'check');
    expect(out).toContain('usage: vangnet pack check <folder>');
    expect(code).toBe(2);
  });

  it('fails on a folder that is not a pack', () => {
    const { code, out } = vangnet('pack', 'check', join(fixtures, 'does-not-exist'));
    expect(out).toContain('pack.yaml: (file): file is missing');
    expect(code).toBe(1);
  });
});

describe('vangnet pack schema', () => {
  it('prints the JSON Schema of every pack file, and the committed copy is current', () => {
    const { code, out } = vangnet('pack', 'schema');
    expect(code).toBe(0);
    const printed = JSON.parse(out.slice(out.indexOf('{')));
    expect(Object.keys(printed)).toEqual([
      'pack.yaml',
      'services.yaml',
      'crisis.yaml',
      'platforms.yaml',
      'routes.yaml',
      'agreements.yaml',
      'federation.yaml',
      'texts/<lang>.yaml',
    ]);
    expect(
      printed['routes.yaml'].properties.rules.items.properties.match.properties.categories.items.enum,
    ).toContain('sextortion');
    // Regenerate with: npx vangnet pack schema > country-packs/pack-schema.gen.json
    const committed = JSON.parse(readFileSync(join(root, 'country-packs/pack-schema.gen.json'), 'utf8'));
    expect(committed).toEqual(packJsonSchemas());
  });
});
