import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { generateTypes, readSource, TYPES_FILE } from './generate-types.ts';

it('messages.gen.ts is generated from the source catalog (run: npx tsx apps/report/src/i18n/generate-types.ts)', () => {
  const { source, order } = readSource();
  expect(readFileSync(TYPES_FILE, 'utf8')).toBe(generateTypes(source, order));
});
