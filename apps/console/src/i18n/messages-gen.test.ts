import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { generateTypes, readSource, typesFile } from '../../../../scripts/icu-catalog-types.ts';

it('messages.gen.ts is generated from the source catalog (run: npx tsx scripts/icu-catalog-types.ts console)', () => {
  const { source, order } = readSource('console');
  expect(readFileSync(typesFile('console'), 'utf8')).toBe(generateTypes('console', source, order));
});
