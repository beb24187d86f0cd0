import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../config.ts';
import { statisticsJsonSchema } from './statistics-schema.ts';

describe('the published JSON Schema', () => {
  it('docs/public-statistics.schema.json is the schema the route answers with (regenerate it when this fails)', () => {
    const committed = JSON.parse(readFileSync(join(repoRoot, 'docs/public-statistics.schema.json'), 'utf8'));
    expect(committed).toEqual(statisticsJsonSchema());
  });
});
