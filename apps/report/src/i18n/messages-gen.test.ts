import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { generateTypes, readSource, typesFile } from '../../../../scripts/icu-catalog-types.ts';

it('messages.gen.ts is generated from the source catalog (run: npx tsx scripts/icu-catalog-types.ts report)', () => {
  const { source, order } = readSource('report');
  expect(readFileSync(typesFile('report'), 'utf8')).toBe(generateTypes('report', source, order));
});
