import { and, eq, isNotNull, notLike } from 'drizzle-orm';
import type { Db } from '../db/open-database.ts';
import { workers } from '../db/schema/index.ts';
import { type AtRestKey, atRestKeyOf, isSealedAtRest, openAtRest, sealAtRest } from '../sealed-at-rest.ts';

/**
 * TOTP secrets at rest. Each worker's secret is stored AES-256-GCM-sealed under a key the server
 * derives (HKDF-SHA256) from its Ed25519 signing key in DATA_DIR/signing-key.json (mode 600), so a
 * database dump alone gives no second factor. The worker's id is the associated data: a sealed secret
 * copied onto another worker's row does not open. Stored form: `v1:` + base64url(iv ‖ ciphertext ‖ tag).
 *
 * Rotating the signing key makes the stored secrets unreadable: those workers then need a new TOTP
 * secret (an admin recreates the account). That is the price of keeping one key file to back up.
 */
export type TotpKey = AtRestKey<'totp-at-rest'>;

const PREFIX = 'v1:';

export function totpKeyOf(signingPrivateKeyHex: string): TotpKey {
  return atRestKeyOf(signingPrivateKeyHex, 'vangnet/staff/totp-at-rest/v1', 'totp-at-rest');
}

const aad = (workerId: string) => `vangnet/totp/v1:${workerId}`;

export function isSealedTotpSecret(stored: string): boolean {
  return isSealedAtRest(stored);
}

export function sealTotpSecret(key: TotpKey, workerId: string, secret: string): string {
  return sealAtRest(key, aad(workerId), secret);
}

/**
 * The secret, or null when it does not open (another key, another worker's row, damaged). A row still
 * in the clear (written before this change, converted at the next start) is returned as it is.
 */
export function openTotpSecret(key: TotpKey, workerId: string, stored: string): string | null {
  if (!isSealedTotpSecret(stored)) return stored;
  return openAtRest(key, aad(workerId), stored);
}

/**
 * The key for a database handle. The server registers it once at start (`useTotpKey`); account code
 * that only gets `db` (sign-in, createWorker) looks it up here, so the key is never a column and never
 * travels further than the process.
 */
const keys = new WeakMap<Db, TotpKey>();

export function useTotpKey(db: Db, key: TotpKey): void {
  keys.set(db, key);
}

export function totpKeyFor(db: Db): TotpKey {
  const key = keys.get(db);
  if (!key) throw new Error('No TOTP key for this database: the server registers it at start (useTotpKey).');
  return key;
}

/**
 * The data migration: seals every secret still stored in the clear. Runs at every start and is
 * idempotent; each row is updated only if it is still the clear value it read, so replicas starting
 * at once do not overwrite each other. Returns how many rows it sealed.
 */
export async function sealClearTotpSecrets(db: Db, key: TotpKey): Promise<number> {
  const clear = await db
    .select({ id: workers.id, secret: workers.totpSecret })
    .from(workers)
    .where(and(isNotNull(workers.totpSecret), notLike(workers.totpSecret, `${PREFIX}%`)));
  let sealed = 0;
  for (const row of clear) {
    if (!row.secret) continue;
    const updated = await db
      .update(workers)
      .set({ totpSecret: sealTotpSecret(key, row.id, row.secret) })
      .where(and(eq(workers.id, row.id), eq(workers.totpSecret, row.secret)))
      .returning({ id: workers.id });
    sealed += updated.length;
  }
  return sealed;
}
