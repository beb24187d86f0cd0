import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The mistakes an adopter makes that `pack check` must catch, one per case: each starts from a copy of a
 * pack that passes (country-packs/NL, or the template for the "untouched template" case), changes one
 * thing as an administrator would in the YAML, and runs the real `vangnet` binary on it.
 */
const root = join(import.meta.dirname, '../../..');
const cli = join(root, 'apps/cli/bin/vangnet.mjs');
const work = mkdtempSync(join(tmpdir(), 'vangnet-pack-gaps-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Edit = { file: string; from: string | RegExp; to: string };

function packWith(name: string, base: string, edits: Edit[]): string {
  const dir = join(work, name);
  cpSync(join(root, 'country-packs', base), dir, { recursive: true });
  for (const { file, from, to } of edits) {
    const path = join(dir, file);
    const before = readFileSync(path, 'utf8');
    const after = before.replace(from, to);
    if (after === before) throw new Error(`${name}: the edit of ${file} changed nothing`);
    writeFileSync(path, after);
  }
  return dir;
}

function check(dir: string) {
  const r = spawnSync(process.execPath, [cli, 'pack', 'check', dir], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const FIRST_RULE = /^rules:\n/m;

describe('vangnet pack check catches what an adopter gets wrong', () => {
  it.each<[string, string, Edit[], string[]]>([
    [
      'adults-to-a-childrens-line',
      'NL',
      [
        {
          file: 'routes.yaml',
          from: FIRST_RULE,
          to: 'rules:\n  - id: adults\n    match: { roles: [adult] }\n    services: [{ service: kindertelefoon }]\n',
        },
      ],
      [
        'routes.yaml: rules[0].services[0]: rule "adults" sends De Kindertelefoon age bands it does not serve (18-plus, unknown)',
        'or add outsideRemit: "<why>"',
      ],
    ],
    [
      'sextortion-to-an-education-site',
      'NL',
      [
        {
          file: 'routes.yaml',
          from: FIRST_RULE,
          to: 'rules:\n  - id: sextortion\n    match: { categories: [sextortion] }\n    services: [{ service: offlimits }]\n',
        },
      ],
      [
        'routes.yaml: rules[0].services[0]: rule "sextortion" sends Offlimits categories it does not handle (sextortion)',
      ],
    ],
    [
      'misspelt-time-zone',
      'NL',
      [{ file: 'pack.yaml', from: 'timeZone: Europe/Amsterdam', to: 'timeZone: Europe/Dubln' }],
      ['pack.yaml: timeZone: "Europe/Dubln" is not an IANA time zone (did you mean "Europe/Dublin"?)'],
    ],
    [
      'international-number-without-display',
      'NL',
      [
        {
          file: 'services.yaml',
          from: "{ number: '+31202615275', display: '020-261 52 75' }",
          to: "{ number: '+31202615275' }",
        },
      ],
      ['services.yaml: services[0].phones[0].display: "+31202615275" needs a display form'],
    ],
    [
      'zero-lead-time-without-hours',
      'NL',
      [
        {
          file: 'services.yaml',
          from: 'leadTimes: { firstContact: P2D, handover: P1D }',
          to: 'leadTimes: { firstContact: PT0S, handover: P1D }',
        },
      ],
      [
        'services.yaml: services[1].leadTimes.firstContact: PT0S promises an answer at once, but no phone or chat of Offlimits has opening hours',
      ],
    ],
    [
      'flags-written-as-a-map',
      'NL',
      [{ file: 'routes.yaml', from: 'flags: [imageAbuse]', to: 'flags: { imageAbuse: true }' }],
      [
        'routes.yaml: rules[4].match.flags: expected a list such as [ongoing, danger], from: ongoing, danger, selfHarm, imageAbuse, but found a map',
      ],
    ],
    [
      'misspelt-field',
      'NL',
      [
        {
          file: 'services.yaml',
          from: "    web: { url: 'https://www.offlimits.nl'",
          to: "    webb: { url: 'https://www.offlimits.nl'",
        },
      ],
      [
        'services.yaml: services[1]: unknown field "webb" (did you mean "web"?); the fields here are: id, name, kind',
      ],
    ],
    [
      'misspelt-category',
      'NL',
      [{ file: 'routes.yaml', from: 'categories: [threats] }', to: 'categories: [threat] }' }],
      ['unknown value "threat" (did you mean "threats"?); expected one of: harassment,'],
    ],
  ])('%s', (name, base, edits, expected) => {
    const { code, out } = check(packWith(name, base, edits));
    for (const line of expected) expect(out).toContain(line);
    expect(out).toContain('the server will not start with this pack');
    expect(code).toBe(1);
  });

  it('refuses the untouched template copied under a new code', () => {
    const dir = packWith('IE', 'template', [{ file: 'pack.yaml', from: 'code: ZZ', to: 'code: IE' }]);
    const { code, out } = check(dir);
    expect(out).toContain('pack.yaml: name: "Template country" is the template\'s placeholder');
    expect(out).toContain(
      "services.yaml: services[0].web.url: the address https://helpline.example is the template's placeholder",
    );
    expect(out).toContain("the number +10000000000 is the template's placeholder");
    expect(code).toBe(1);
  });

  it('refuses the template copied as it is: its own code ZZ counts only in country-packs/template', () => {
    const { code, out } = check(packWith('ZZ-copy', 'template', []));
    expect(out).toContain("pack.yaml: code: code ZZ is the template's placeholder");
    expect(code).toBe(1);
  });

  it("lets a route go outside a service's remit when it says why (outsideRemit)", () => {
    const dir = packWith('adults-to-a-childrens-line-on-purpose', 'NL', [
      {
        file: 'routes.yaml',
        from: FIRST_RULE,
        to:
          'rules:\n  - id: adults\n    match: { roles: [adult] }\n    services:\n' +
          "      - { service: kindertelefoon, outsideRemit: 'test: the line agreed to take adults who call' }\n",
      },
    ]);
    const { code, out } = check(dir);
    expect(out).not.toContain('age bands it does not serve');
    expect(code).toBe(0);
  });

  it('does not flag the template itself for its placeholders', () => {
    const { out } = check(join(root, 'country-packs/template'));
    expect(out).not.toContain("template's placeholder");
  });
});
