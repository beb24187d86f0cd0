import type { z } from 'zod/mini';
import { didYouMean } from './nearest.ts';

/** The parts of a zod schema's definition this file reads; zod/mini keeps them under `_zod.def`. */
type Def = {
  type: string;
  shape?: Record<string, Schema>;
  element?: Schema;
  innerType?: Schema;
  options?: Schema[];
  valueType?: Schema;
  getter?: () => Schema;
  in?: Schema;
  entries?: Record<string, string | number>;
  values?: unknown[];
};
type Schema = { _zod: { def: Def } };

const asSchema = (schema: z.ZodMiniType): Schema => schema as unknown as Schema;

/** Wrappers that do not change the shape an administrator writes. */
function unwrap(schema: Schema): Schema {
  let current = schema;
  for (;;) {
    const def = current._zod.def;
    if ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable') && def.innerType)
      current = def.innerType;
    else if (def.type === 'lazy' && def.getter) current = def.getter();
    else if (def.type === 'pipe' && def.in) current = def.in;
    else return current;
  }
}

/** The schema at `path` inside `root`, or undefined where the path leaves what the schema describes. */
export function schemaAt(root: z.ZodMiniType, path: readonly PropertyKey[]): Schema | undefined {
  let current: Schema | undefined = unwrap(asSchema(root));
  for (const key of path) {
    if (!current) return undefined;
    const def: Def = current._zod.def;
    if (def.type === 'object' && def.shape && typeof key === 'string') current = def.shape[key];
    else if (def.type === 'array' && def.element && typeof key === 'number') current = def.element;
    else if (def.type === 'record' && def.valueType) current = def.valueType;
    else return undefined;
    if (current) current = unwrap(current);
  }
  return current;
}

function enumValues(def: Def): string[] | undefined {
  if (def.type === 'enum' && def.entries) return Object.values(def.entries).map(String);
  if (def.type === 'literal' && def.values) return def.values.map(String);
  return undefined;
}

/**
 * How a value of this schema is written in YAML, short: `{ id, name, kind, … }`, `a list of: danger,
 * selfHarm`, `one of: webhook, email`. Shown next to an error so the administrator sees the expected shape.
 */
export function describeShape(schema: Schema): string {
  const def = unwrap(schema)._zod.def;
  const values = enumValues(def);
  if (values) return `one of: ${values.join(', ')}`;
  switch (def.type) {
    case 'object': {
      const keys = Object.keys(def.shape ?? {});
      return `a map with the fields ${keys.join(', ')}`;
    }
    case 'array': {
      const element = def.element ? unwrap(def.element)._zod.def : undefined;
      const inner = element && enumValues(element);
      if (inner) return `a list such as [${inner.slice(0, 2).join(', ')}], from: ${inner.join(', ')}`;
      return element?.type === 'object'
        ? `a list of maps with the fields ${Object.keys(element.shape ?? {}).join(', ')}`
        : 'a list';
    }
    case 'union':
      return (def.options ?? []).map(describeShape).join(', or ');
    case 'record':
      return 'a map of names to values';
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    default:
      return def.type;
  }
}

/**
 * One pack problem's message from a zod issue: what was written, what is expected, and the nearest
 * valid word when it looks like a typo (`unknown field "webb" (did you mean "web"?)`).
 */
export function describeIssue(root: z.ZodMiniType, issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_value' && 'input' in issue && issue.values.length > 0) {
    const values = issue.values.map(String);
    const hint = typeof issue.input === 'string' ? didYouMean(issue.input, values) : '';
    return `unknown value ${JSON.stringify(issue.input)}${hint}; expected one of: ${values.join(', ')}`;
  }
  const here = schemaAt(root, issue.path);
  if (issue.code === 'unrecognized_keys') {
    const valid = here?._zod.def.type === 'object' ? Object.keys(here._zod.def.shape ?? {}) : [];
    const unknown = issue.keys.map((key) => `"${key}"${didYouMean(key, valid)}`).join(', ');
    return `unknown field ${unknown}${valid.length > 0 ? `; the fields here are: ${valid.join(', ')}` : ''}`;
  }
  if (issue.code === 'invalid_type' && here) {
    const input = 'input' in issue ? issue.input : undefined;
    if (input === undefined) return `missing; expected ${describeShape(here)}`;
    return `expected ${describeShape(here)}, but found ${describeWritten(input)}`;
  }
  if (issue.code === 'invalid_union' && here) return `expected ${describeShape(here)}`;
  return issue.message;
}

function describeWritten(input: unknown): string {
  if (Array.isArray(input)) return 'a list';
  if (input === null) return 'an empty value';
  if (typeof input === 'object') return 'a map';
  return JSON.stringify(input);
}
