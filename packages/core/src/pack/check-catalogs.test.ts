import { describe, expect, it } from 'vitest';
import { type AppTexts, checkAppCatalogs } from './check-catalogs.ts';

const apps: AppTexts = {
  report: {
    source: { hello: 'Hello', call: 'Call {phone}', group: { a: 'A' }, list: ['x', 'y'] },
    order: {},
    carried: ['nl', 'en'],
  },
  console: {
    source: { title: 'Cases', count: '{n, plural, one {# case} other {# cases}}', sign: { in: 'Sign in' } },
    order: {},
    carried: ['en', 'nl'],
  },
};
const ga = { hello: 'Dia duit', call: 'Glaoigh ar {phone}', group: { a: 'A' }, list: ['x', 'y'] };
const gaConsole = {
  title: 'Cásanna',
  count: '{n, plural, one {# chás} two {# chás} other {# cásanna}}',
  sign: { in: 'Sínigh isteach' },
};
const meta = (languages: { code: string; complete: boolean }[], defaultLanguage = 'ga') => ({
  languages,
  defaultLanguage,
});
const lines = (r: ReturnType<typeof checkAppCatalogs>) =>
  r.problems.map((p) => `${p.severity} ${p.file} ${p.path}: ${p.message}`);

describe('checkAppCatalogs', () => {
  it('compiles a complete catalog for a language the app does not carry', () => {
    const result = checkAppCatalogs(meta([{ code: 'ga', complete: true }]), { report: { ga } }, apps);
    expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(result.compiled.report.ga).toMatchObject({ hello: 'Dia duit', call: { $a: ['phone'] } });
    // No console texts for Irish: said, not fatal (staff see the console in English).
    expect(lines(result)).toEqual([
      'warning pack.yaml languages: the helpline console has no "ga" texts yet; staff see it in English (to add them: copy apps/console/src/i18n/catalogs/en.json to catalogs/console/ga.json and translate every text)',
    ]);
  });

  it('compiles a console catalog the pack brings, through the same check', () => {
    const result = checkAppCatalogs(
      meta([{ code: 'ga', complete: true }]),
      { report: { ga }, console: { ga: gaConsole } },
      apps,
    );
    expect(lines(result)).toEqual([]);
    expect(result.compiled.console.ga).toMatchObject({ title: 'Cásanna', count: { $a: ['n'] } });
  });

  it('names each missing key, a broken text and an unknown value', () => {
    const { problems, compiled } = checkAppCatalogs(
      meta([{ code: 'ga', complete: true }]),
      { report: { ga: { hello: 'Dia {duit', call: 'Glaoigh ar {uimhir}', list: ['x'] } } },
      apps,
    );
    expect(problems.filter((p) => p.severity === 'error').map((p) => `${p.path}: ${p.message}`)).toEqual([
      'hello: a "{" without its "}" (at character 10)',
      'call: {uimhir} is not a value of this text (known: {phone})',
      'group.a: missing text',
      'list.1: missing text',
    ]);
    expect(compiled.report.ga).toBeUndefined();
  });

  it('names each key a console catalog misses, in its file, and does not serve it', () => {
    const { problems, compiled } = checkAppCatalogs(
      meta([{ code: 'ga', complete: true }]),
      { report: { ga }, console: { ga: { title: 'Cásanna', count: '{n, plural, other {# cásanna}}' } } },
      apps,
    );
    expect(problems.map((p) => `${p.severity} ${p.file} ${p.path}: ${p.message}`)).toEqual([
      'error catalogs/console/ga.json sign.in: missing text',
    ]);
    expect(compiled.console.ga).toBeUndefined();
  });

  it('a complete language with no texts at all is an error naming the file to add', () => {
    expect(lines(checkAppCatalogs(meta([{ code: 'ga', complete: true }]), {}, apps))[0]).toBe(
      'error catalogs/report/ga.json : missing: the reporter app has no "ga" texts; copy apps/report/src/i18n/catalogs/en.json to catalogs/report/ga.json and translate every text',
    );
  });

  it('a carried language (nl-BE → nl) needs no file; a file for one, or for an undeclared language, is not used', () => {
    const result = checkAppCatalogs(
      meta([{ code: 'nl-BE', complete: true }], 'nl-BE'),
      { report: { nl: ga, tr: ga }, console: { tr: gaConsole } },
      apps,
    );
    expect(lines(result)).toEqual([
      'warning catalogs/report/nl.json : language "nl" is not declared in pack.yaml and is ignored',
      'warning catalogs/report/tr.json : language "tr" is not declared in pack.yaml and is ignored',
      'warning catalogs/console/tr.json : language "tr" is not declared in pack.yaml and is ignored',
    ]);
  });

  it('an incomplete language with gaps only warns, and is not served', () => {
    const result = checkAppCatalogs(
      meta([{ code: 'ga', complete: false }]),
      { report: { ga: { hello: 'Dia duit' } }, console: { ga: { title: 'Cásanna' } } },
      apps,
    );
    expect(result.problems.every((p) => p.severity === 'warning')).toBe(true);
    expect(result.compiled.report.ga).toBeUndefined();
    expect(result.compiled.console.ga).toBeUndefined();
  });
});
