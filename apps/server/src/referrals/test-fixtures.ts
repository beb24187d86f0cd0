import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { CountryPack } from '@vangnet/core';
import { loadCountryPack } from '../country-pack/load.ts';
import type { Db } from '../db/open-database.ts';
import { helplines, reports } from '../db/schema/index.ts';

const packsDir = join(import.meta.dirname, '../../../../country-packs');

/** The NL pack with connectors pointed at local test partners (the pack itself stays unchanged on disk). */
export async function packWithConnectors(
  connectors: Record<string, CountryPack['services'][number]['connector']>,
): Promise<CountryPack> {
  const pack = structuredClone(await loadCountryPack(join(packsDir, 'NL')));
  for (const service of pack.services) {
    const connector = connectors[service.id];
    if (connector) service.connector = connector;
  }
  return pack;
}

/** A helpline and one visible case, written straight to the tables (intake is tested elsewhere). */
export async function seedCase(
  db: Db,
  helplineId: string = randomUUID(),
): Promise<{ helplineId: string; caseId: string }> {
  await db
    .insert(helplines)
    .values({ id: helplineId, country: 'NL', name: 'Helpwanted' })
    .onConflictDoNothing();
  const caseId = `rep_${randomUUID()}`;
  await db.insert(reports).values({
    id: caseId,
    helplineId,
    country: 'NL',
    packVersion: '2026.11.0',
    category: 'sextortion',
    platform: 'instagram',
    role: 'self',
    ageBand: '13-15',
    flags: { ongoing: true, danger: false, selfHarm: false, imageAbuse: true },
    status: 'in-progress',
    reporterRecipient: 'age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq',
    accessTokenHash: randomUUID(),
    body: new Uint8Array([1, 2, 3]),
    bodySha256: '0'.repeat(64),
    visibleAt: new Date(),
  });
  return { helplineId, caseId };
}
