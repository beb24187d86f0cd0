import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSigningKey } from '@vangnet/crypto';
import { z } from 'zod';
import { statementPublicKey } from './sign-statement.ts';

const fileSchema = z.object({ privateKey: z.string().regex(/^[0-9a-f]{64}$/) });

/**
 * The server's Ed25519 key for countersigning receipts, kept in DATA_DIR (mode 600) so receipts
 * signed before a restart still verify against `GET /api/v1/config`'s key.
 */
export function loadOrCreateSigningKey(dataDir: string): { privateKey: string; publicKey: string } {
  const file = join(dataDir, 'signing-key.json');
  if (existsSync(file)) {
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file} is not a valid signing key file.`);
    return { privateKey: parsed.data.privateKey, publicKey: statementPublicKey(parsed.data.privateKey) };
  }
  const key = generateSigningKey();
  // 'wx': if another process created it a moment ago, fail instead of overwriting its key.
  writeFileSync(file, `${JSON.stringify({ privateKey: key.privateKey, publicKey: key.publicKey })}\n`, {
    mode: 0o600,
    flag: 'wx',
  });
  return key;
}
