import type { PackProblem } from './check.ts';
import { FIELD_USES } from './field-uses.ts';
import { AUDIENCES, type CountryPack } from './schema.ts';

/** Every text key of the pack that no row of FIELD_USES matches: no screen shows it. */
export function findUnusedFields(pack: CountryPack): PackProblem[] {
  const ids: Record<string, Set<string>> = {
    '<service>': new Set(pack.services.map((s) => s.id)),
    '<crisis>': new Set(pack.crisis.map((c) => c.id)),
    '<advice>': new Set(pack.routes.flatMap((r) => r.advice)),
    '<audience>': new Set<string>(AUDIENCES),
  };
  const labels = new Set(
    [...pack.services, ...pack.crisis].flatMap((s) =>
      [...s.phones.map((p) => p.label), s.chat?.label, 'web' in s ? s.web?.label : undefined].filter(
        (l): l is string => Boolean(l),
      ),
    ),
  );
  const matches = (pattern: string, key: string): boolean => {
    if (pattern === '<label>') return labels.has(key);
    if (pattern.endsWith('.*')) return key.startsWith(pattern.slice(0, -1));
    const want = pattern.split('.');
    const have = key.split('.');
    if (want.length !== have.length) return false;
    return want.every((w, i) => (ids[w] ? ids[w].has(have[i] ?? '') : w === have[i]));
  };
  const textPatterns = FIELD_USES.filter((u) => u.file === 'texts/<lang>.yaml').map((u) => u.key);
  const problems: PackProblem[] = [];
  for (const [lang, texts] of Object.entries(pack.texts)) {
    for (const key of Object.keys(texts)) {
      if (textPatterns.some((p) => matches(p, key))) continue;
      problems.push({
        severity: 'warning',
        file: `texts/${lang}.yaml`,
        path: key,
        message: 'unused: no screen of the apps shows this text (see docs/adapting-a-country.md)',
      });
    }
  }
  return problems;
}
