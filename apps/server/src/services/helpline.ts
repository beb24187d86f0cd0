import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { ActivePack } from '../active-pack.ts';
import type { Db } from '../db/open-database.ts';
import { helplineRecipients, helplines } from '../db/schema/index.ts';

/**
 * The helpline that receives this instance's reports: the oldest one of the pack's country, created
 * on first start. Safe to call from several processes: a lost race just reads the winner's row.
 */
const known = new WeakMap<Db, Promise<string>>();

export function ensureHelpline(db: Db, pack: ActivePack): Promise<string> {
  let found = known.get(db);
  if (!found) {
    found = findOrCreateHelpline(db, pack);
    known.set(db, found);
    // A failed lookup (database briefly down) must not be remembered.
    found.catch(() => known.delete(db));
  }
  return found;
}

function findOrCreateHelpline(db: Db, pack: ActivePack): Promise<string> {
  return helplineOfCountry(db, pack.country, pack.helplineName);
}

/**
 * The helpline that serves `country` on this database: the oldest one, created (named `name`) when
 * there is none. The CLI uses it too, so a list it imports belongs to the helpline the server uses.
 */
export async function helplineOfCountry(db: Db, country: string, name: string = country): Promise<string> {
  const find = async () =>
    (
      await db
        .select({ id: helplines.id })
        .from(helplines)
        .where(eq(helplines.country, country))
        .orderBy(asc(helplines.createdAt), asc(helplines.id))
        .limit(1)
    )[0]?.id;
  const existing = await find();
  if (existing) return existing;
  await db.insert(helplines).values({ id: randomUUID(), country, name });
  return (await find())!;
}

/** Recipients a report must be sealed to: pinned in the pack first, then active ones from the database. */
export async function activeHelplineRecipients(
  db: Db,
  helplineId: string,
  pack: ActivePack,
): Promise<string[]> {
  const rows = await db
    .select({ recipient: helplineRecipients.recipient })
    .from(helplineRecipients)
    .where(and(eq(helplineRecipients.helplineId, helplineId), isNull(helplineRecipients.retiredAt)))
    .orderBy(asc(helplineRecipients.createdAt));
  return [...new Set([...pack.helplineRecipients, ...rows.map((r) => r.recipient)])];
}
