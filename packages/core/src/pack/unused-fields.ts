import type { PackProblem } from './check.ts';
import { FIELD_USES, type FieldUse } from './field-uses.ts';
import { AUDIENCES, type CountryPack } from './schema.ts';
import { PACK_FIELD_USES } from './structure-field-uses.ts';

const UNUSED_HINT = 'see docs/adapting-a-country.md, "Where each field is used"';

/** Every field of the pack that no row of FIELD_USES or PACK_FIELD_USES ties to a screen or a behaviour. */
export function findUnusedFields(pack: CountryPack): PackProblem[] {
  return [...unusedTexts(pack), ...unusedStructure(pack)];
}

function unusedTexts(pack: CountryPack): PackProblem[] {
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
        message: `unused: no screen of the apps shows this text (${UNUSED_HINT})`,
      });
    }
  }
  return problems;
}

/** Where each part of the parsed pack comes from: its file and the list (or object) it sits in there. */
const PARTS: { part: keyof CountryPack; file: string; root: string }[] = [
  { part: 'meta', file: 'pack.yaml', root: '' },
  { part: 'services', file: 'services.yaml', root: 'services' },
  { part: 'crisis', file: 'crisis.yaml', root: 'lines' },
  { part: 'platforms', file: 'platforms.yaml', root: 'platforms' },
  { part: 'legalBasis', file: 'platforms.yaml', root: 'legalBasis' },
  { part: 'routes', file: 'routes.yaml', root: 'rules' },
  { part: 'agreements', file: 'agreements.yaml', root: 'suggestions' },
  { part: 'federation', file: 'federation.yaml', root: 'peers' },
];

/** The row of PACK_FIELD_USES for a field (`services[].phones[].free`): its own, or the nearest above it. */
export function packFieldUse(file: string, pattern: string): FieldUse | undefined {
  let best: FieldUse | undefined;
  for (const use of PACK_FIELD_USES) {
    if (use.file !== file) continue;
    const covers =
      pattern === use.key || pattern.startsWith(`${use.key}.`) || pattern.startsWith(`${use.key}[]`);
    if (covers && (!best || use.key.length > best.key.length)) best = use;
  }
  return best;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Fields of the YAML files set in this pack that nothing reads. One warning per field and file, naming the
 * first place it is set, so a field set on every phone is one line, not twenty.
 */
function unusedStructure(pack: CountryPack): PackProblem[] {
  const found = new Map<string, { file: string; path: string; count: number }>();
  const visit = (file: string, value: unknown, path: string, pattern: string): void => {
    if (pattern) {
      const use = packFieldUse(file, pattern);
      const rowsBeneath = PACK_FIELD_USES.some(
        (u) => u.file === file && (u.key.startsWith(`${pattern}.`) || u.key.startsWith(`${pattern}[]`)),
      );
      if ((!use && !rowsBeneath) || use?.screens.length === 0) {
        const key = `${file}\n${pattern}`;
        const seen = found.get(key);
        if (seen) seen.count += 1;
        else found.set(key, { file, path, count: 1 });
        return;
      }
      // A row that covers a whole object (`branding.colours`, `peers`) says where all of it goes.
      if (use && use.key !== pattern) return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        if (isObject(item)) visit(file, item, `${path}[${i}]`, `${pattern}[]`);
      });
    } else if (isObject(value)) {
      for (const [k, v] of Object.entries(value)) {
        if (v === undefined) continue;
        visit(file, v, path ? `${path}.${k}` : k, pattern ? `${pattern}.${k}` : k);
      }
    }
  };
  for (const { part, file, root } of PARTS) {
    const value = pack[part];
    if (value === undefined) continue;
    if (root) visit(file, { [root]: value }, '', '');
    else visit(file, value, '', '');
  }
  return [...found.values()].map(({ file, path, count }) => ({
    severity: 'warning',
    file,
    path: count > 1 ? `${path} (and ${count - 1} more)` : path,
    message: `unused: no screen of the apps and no server behaviour reads this field (${UNUSED_HINT})`,
  }));
}
