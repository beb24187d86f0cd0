import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deriveWorkerSecrets, generateIdentity, toHex, wrapKeyring } from '@vangnet/crypto';
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../app-deps.ts';
import { helplineRecipients, workers } from '../db/schema/index.ts';
import { ensureHelpline } from '../services/helpline.ts';
import { generateTotpSecret, totpUri } from './totp.ts';
import { createWorker, EmailTakenError } from './workers.ts';

/**
 * A demo administrator for `npm start` on an empty database, so the console can be tried at once.
 * It also gives the helpline its first age identity: the identity is wrapped for the demo worker and
 * then dropped, so from then on only a signed-in browser can open reports, as in production.
 * The login is kept in DATA_DIR/demo-login.txt (owner-only) and shown again on later starts.
 */
export const DEMO_EMAIL = 'demo@vangnet.example';
const FILE = 'demo-login.txt';

export type DemoLogin = {
  email: string;
  password: string;
  totpSecret: string;
  otpauthUri: string;
  currentCode: string;
};

/** 20 characters from an alphabet without look-alikes (no 0/o, 1/l/i), in groups of five: ~99 bits. */
function readablePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const chars = Array.from({ length: 20 }, () => alphabet[randomInt(alphabet.length)]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

function complete(login: Pick<DemoLogin, 'email' | 'password' | 'totpSecret'>): DemoLogin {
  return {
    ...login,
    otpauthUri: totpUri(login.totpSecret, login.email),
    currentCode: `npx vangnet totp ${login.totpSecret}`,
  };
}

function formatFile(login: DemoLogin): string {
  return [
    '# Vangnet demo login. For trying Vangnet out only; keep this file private.',
    `email: ${login.email}`,
    `password: ${login.password}`,
    `totp-secret: ${login.totpSecret}`,
    `otpauth-uri: ${login.otpauthUri}`,
    `current-code: ${login.currentCode}`,
    '',
  ].join('\n');
}

export function parseDemoLoginFile(text: string): DemoLogin | null {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([a-z-]+):\s*(.+)$/.exec(line.trim());
    if (match) fields.set(match[1]!, match[2]!);
  }
  const email = fields.get('email');
  const password = fields.get('password');
  const totpSecret = fields.get('totp-secret');
  return email && password && totpSecret ? complete({ email, password, totpSecret }) : null;
}

async function readDemoLogin(dataDir: string): Promise<DemoLogin | null> {
  try {
    return parseDemoLoginFile(await readFile(join(dataDir, FILE), 'utf8'));
  } catch {
    return null;
  }
}

export async function ensureDemoLogin(deps: AppDeps): Promise<DemoLogin | null> {
  const { db } = deps;
  const [{ count } = { count: 0 }] = await db.select({ count: sql<number>`count(*)::int` }).from(workers);
  if (Number(count) > 0) return readDemoLogin(deps.config.dataDir);

  const helplineId = await ensureHelpline(db, deps.pack);
  const { identity, recipient } = await generateIdentity();
  const password = readablePassword();
  const kdfSalt = toHex(randomBytes(16));
  const { authKey, unwrapKey } = await deriveWorkerSecrets(password, kdfSalt);
  // The keyring: the helpline identity and the worker's own personal identity (key rotation).
  const personal = await generateIdentity();
  const wrappedHelplineKey = await wrapKeyring([identity, personal.identity], unwrapKey);
  unwrapKey.fill(0);
  const totpSecret = generateTotpSecret();
  try {
    await createWorker(
      db,
      {
        helplineId,
        email: DEMO_EMAIL,
        role: 'admin',
        kdfSalt,
        authKey,
        totpSecret,
        wrappedHelplineKey,
        personalRecipient: personal.recipient,
      },
      'system',
    );
  } catch (error) {
    // Another replica created it first: its file (if on a shared folder) is the one to show.
    if (error instanceof EmailTakenError) return readDemoLogin(deps.config.dataDir);
    throw error;
  }
  await db.insert(helplineRecipients).values({ id: randomUUID(), helplineId, recipient, label: 'demo' });
  const login = complete({ email: DEMO_EMAIL, password, totpSecret });
  const file = join(deps.config.dataDir, FILE);
  await writeFile(file, formatFile(login), { mode: 0o600 });
  await chmod(file, 0o600); // a stale file from an earlier database keeps its old mode otherwise

  return login;
}
