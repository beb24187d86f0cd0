import { describe, expect, it } from 'vitest';
import { FIELD_USES, SCREEN_PICTURES } from './field-uses.ts';
import { PACK_FILES, packJsonSchemas } from './schema.ts';
import { PACK_FIELD_USES } from './structure-field-uses.ts';
import { packFieldUse } from './unused-fields.ts';

type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
};

/** Every field path of a file's JSON schema (`services[].phones[].free`), the objects above them too. */
function fieldPaths(schema: JsonSchema, path: string): string[] {
  const alternatives = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
  if (alternatives.length > 0) return [...new Set(alternatives.flatMap((s) => fieldPaths(s, path)))];
  if (schema.items) return fieldPaths(schema.items, `${path}[]`);
  return Object.entries(schema.properties ?? {}).flatMap(([key, s]) => {
    const here = path ? `${path}.${key}` : key;
    return [here, ...fieldPaths(s, here)];
  });
}

const files: string[] = Object.values(PACK_FILES).map((f) => f.file);
const schemas = packJsonSchemas() as Record<string, JsonSchema>;

describe('PACK_FIELD_USES', () => {
  it.each(files)('says where every field of %s is used, or that nothing uses it', (file) => {
    const paths = fieldPaths(schemas[file] ?? {}, '');
    const leaves = paths.filter((p) => !paths.some((q) => q.startsWith(`${p}.`) || q.startsWith(`${p}[]`)));
    const missing = leaves.filter((p) => !packFieldUse(file, p));
    expect(missing).toEqual([]);
  });

  it.each(files)('names only fields %s has', (file) => {
    const paths = new Set(fieldPaths(schemas[file] ?? {}, ''));
    const stale = PACK_FIELD_USES.filter((u) => u.file === file && !paths.has(u.key)).map((u) => u.key);
    expect(stale).toEqual([]);
  });

  it('names no file a pack does not have', () => {
    expect(PACK_FIELD_USES.filter((u) => !files.includes(u.file))).toEqual([]);
  });

  it('has one row per field', () => {
    const keys = PACK_FIELD_USES.map((u) => `${u.file} ${u.key}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });
});

describe('SCREEN_PICTURES', () => {
  it('pictures only screens the tables name', () => {
    const named = new Set(
      [...FIELD_USES, ...PACK_FIELD_USES].flatMap((u) => u.screens.map((s) => s.replace(/ \(.*\)$/, ''))),
    );
    const named2 = new Set([...FIELD_USES, ...PACK_FIELD_USES].flatMap((u) => u.screens));
    expect(Object.keys(SCREEN_PICTURES).filter((s) => !named.has(s) && !named2.has(s))).toEqual([]);
  });
});
