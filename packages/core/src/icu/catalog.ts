import { icuArgs } from './args.ts';
import type { IcuMessage } from './ast.ts';
import { parseIcu } from './parse.ts';
import { isMetadataKey } from './unreviewed.ts';

/**
 * An app catalog as translators edit it: nested JSON whose leaves are ICU MessageFormat texts (lists
 * where the app shows a list). `compileCatalog` checks a translation against the source catalog (same
 * keys, same list lengths, no argument the source does not pass, valid ICU) and compiles it to plain
 * data the app's tiny runtime (format.ts) reads: a leaf is its text, or `{ $m, $a, $r }` when it takes
 * values: the compiled message, the names of the values in the order the app passes them, and `$r: 1`
 * when its words depend on the reporter's role (`{role, select, parent {…} other {…}}`).
 */
export type RawCatalogNode = string | readonly RawCatalogNode[] | { readonly [key: string]: RawCatalogNode };
export type CompiledLeaf = string | { $m: IcuMessage; $a: string[]; $r?: 1 };
export type CompiledNode = CompiledLeaf | CompiledNode[] | { [key: string]: CompiledNode };

/** `role` is not passed by the caller: the app picks each role's words (role-words.ts). */
export const ROLE_ARG = 'role';

export type CatalogProblem = {
  /** Dotted path of the text, e.g. `crisisCall`, `helpTips.4`, `notice.subject`. */
  path: string;
  kind: 'missing' | 'extra' | 'syntax' | 'shape' | 'argument';
  detail: string;
};

/** Parameter order when it is not the order in which the source text names them: `{ "notice.legalBasis": ["law", …] }`. */
export type ParamOrder = Readonly<Record<string, readonly string[]>>;

/** The values a source text takes, in the order the app passes them. */
export function paramsOf(path: string, message: IcuMessage, order: ParamOrder): string[] {
  const named = [...icuArgs(message).keys()].filter((name) => name !== ROLE_ARG);
  const fixed = order[path];
  if (!fixed) return named;
  return [...fixed, ...named.filter((name) => !fixed.includes(name))];
}

function isRecord(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node);
}

export function compileCatalog(
  translation: unknown,
  source: RawCatalogNode,
  order: ParamOrder = {},
): { compiled: CompiledNode; problems: CatalogProblem[] } {
  const problems: CatalogProblem[] = [];

  const walk = (t: unknown, s: RawCatalogNode, path: string): CompiledNode => {
    if (typeof s === 'string') {
      const sourceMessage = parseIcu(s);
      const params = paramsOf(path, sourceMessage, order);
      if (typeof t !== 'string') {
        problems.push({ path, kind: t === undefined ? 'missing' : 'shape', detail: 'expected a text' });
        return '';
      }
      let message: IcuMessage;
      try {
        message = parseIcu(t);
      } catch (e) {
        problems.push({ path, kind: 'syntax', detail: (e as Error).message });
        return '';
      }
      const args = icuArgs(message);
      for (const name of args.keys()) {
        if (name !== ROLE_ARG && !params.includes(name)) {
          const known = params.length ? params.map((p) => `{${p}}`).join(', ') : 'none';
          problems.push({
            path,
            kind: 'argument',
            detail: `{${name}} is not a value of this text (known: ${known})`,
          });
        }
      }
      if (params.length === 0 && !args.has(ROLE_ARG) && typeof message === 'string') return message;
      return args.has(ROLE_ARG) ? { $m: message, $a: params, $r: 1 } : { $m: message, $a: params };
    }
    if (Array.isArray(s)) {
      if (!Array.isArray(t)) {
        problems.push({
          path,
          kind: t === undefined ? 'missing' : 'shape',
          detail: `expected a list of ${s.length}`,
        });
        return s.map((item, i) => walk(undefined, item, `${path}.${i}`));
      }
      if (t.length > s.length)
        problems.push({
          path,
          kind: 'extra',
          detail: `${t.length - s.length} more than the ${s.length} of the source`,
        });
      return s.map((item, i) => walk(t[i], item, `${path}.${i}`));
    }
    // Keys starting with `@` are metadata (`"@@unreviewed": true`, ARB's habit), never a text.
    const group = Object.fromEntries(Object.entries(s).filter(([k]) => !isMetadataKey(k))) as {
      readonly [key: string]: RawCatalogNode;
    };
    if (!isRecord(t)) {
      if (t !== undefined) problems.push({ path, kind: 'shape', detail: 'expected a group of texts' });
      return Object.fromEntries(
        Object.entries(group).map(([k, v]) => [k, walk(undefined, v, join(path, k))]),
      );
    }
    for (const key of Object.keys(t)) {
      if (!Object.hasOwn(group, key) && !isMetadataKey(key))
        problems.push({ path: join(path, key), kind: 'extra', detail: 'not in the source catalog' });
    }
    return Object.fromEntries(Object.entries(group).map(([k, v]) => [k, walk(t[k], v, join(path, k))]));
  };

  const compiled = walk(translation, source, '');
  return { compiled, problems };
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** One line per problem, for `pack check`, the build and the catalog tests. */
export function describeCatalogProblem(p: CatalogProblem): string {
  return `${p.path}: ${p.kind === 'missing' ? 'missing' : p.detail}`;
}
