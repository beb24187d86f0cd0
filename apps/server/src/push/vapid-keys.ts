import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import webpush from 'web-push';
import { z } from 'zod';
import { ConfigError } from '../config.ts';

/** VAPID: the server's identity towards the browsers' push services (RFC 8292), P-256, base64url. */
export type VapidKeys = { publicKey: string; privateKey: string; subject: string };

const publicKey = z.string().regex(/^[A-Za-z0-9_-]{87}$/, 'a P-256 public key, base64url (87 characters)');
const privateKey = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a P-256 private key, base64url (43 characters)');
const subject = z.string().regex(/^(mailto:|https:\/\/)\S+$/, 'a mailto: or https:// address');
const fileSchema = z.object({ publicKey, privateKey });

/**
 * The VAPID keys from VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY, or else from DATA_DIR/vapid-keys.json
 * (mode 600), made on the first start like the signing key. Changing them ends every subscription
 * (browsers refuse pushes signed by another key), so back the file up with the signing key.
 * VAPID_SUBJECT is the contact address push services see (default PUBLIC_URL when it is https).
 */
export function loadOrCreateVapidKeys(
  dataDir: string,
  env: Record<string, string | undefined> = process.env,
): VapidKeys {
  const who = vapidSubject(env);
  if (env.VAPID_PUBLIC_KEY || env.VAPID_PRIVATE_KEY) {
    const pub = publicKey.safeParse(env.VAPID_PUBLIC_KEY ?? '');
    if (!pub.success)
      throw new ConfigError(`Invalid configuration:\n  VAPID_PUBLIC_KEY: ${pub.error.issues[0]?.message}`);
    const priv = privateKey.safeParse(env.VAPID_PRIVATE_KEY ?? '');
    if (!priv.success)
      throw new ConfigError(
        'Invalid configuration:\n  VAPID_PRIVATE_KEY: a P-256 private key, base64url (43 characters)',
      );
    return { publicKey: pub.data, privateKey: priv.data, subject: who };
  }
  const file = join(dataDir, 'vapid-keys.json');
  if (existsSync(file)) {
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`${file} is not a valid VAPID key file.`);
    return { ...parsed.data, subject: who };
  }
  const keys = webpush.generateVAPIDKeys();
  // 'wx': if another process created it a moment ago, fail instead of overwriting its keys.
  writeFileSync(file, `${JSON.stringify(keys)}\n`, { mode: 0o600, flag: 'wx' });
  return { ...keys, subject: who };
}

function vapidSubject(env: Record<string, string | undefined>): string {
  if (env.VAPID_SUBJECT) {
    const parsed = subject.safeParse(env.VAPID_SUBJECT);
    if (!parsed.success)
      throw new ConfigError('Invalid configuration:\n  VAPID_SUBJECT: a mailto: or https:// address');
    return parsed.data;
  }
  if (env.PUBLIC_URL?.startsWith('https://')) return env.PUBLIC_URL.replace(/\/+$/, '');
  return `mailto:${env.MAIL_FROM ?? 'vangnet@localhost'}`;
}
