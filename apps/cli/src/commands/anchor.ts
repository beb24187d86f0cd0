import { readFile } from 'node:fs/promises';
import {
  anchorFingerprint,
  generateSigningKey,
  type RecipientList,
  signingPublicKey,
  signRecipientList,
  verifyRecipientList,
} from '@vangnet/crypto';

export const USAGE = `usage: vangnet anchor keygen
         print a new trust anchor: its public key (for pack.yaml helpline.trustAnchors), its
         fingerprint, and its private key (keep it offline, with the helpline's administrators)
       vangnet anchor sign-list <private-key-file> <country> <sequence> <days> <age1…>...
         print a signed recipient list (JSON) to store with POST /api/v1/staff/recipient-list
       vangnet anchor sign-list <private-key-file> <unsigned-list.json>
         sign the list the console's "Helpline key" screen downloaded; upload the output there
Run these on an administrator's machine, never on the server.`;

/** `vangnet anchor`: make a trust anchor, and sign the helpline's recipient list with it. */
export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'keygen' && rest.length === 0) {
    const key = generateSigningKey();
    console.log(`public-key: ${key.publicKey}`);
    console.log(`fingerprint: ${anchorFingerprint(key.publicKey)}`);
    console.log(`private-key: ${key.privateKey}`);
    return 0;
  }
  if (sub === 'sign-list' && rest.length === 2) {
    const [file, listFile] = rest as [string, string];
    const privateKey = (await readFile(file, 'utf8')).trim();
    let list: RecipientList;
    try {
      list = JSON.parse(await readFile(listFile, 'utf8')) as RecipientList;
    } catch {
      console.error('That file is not a recipient list (JSON).');
      return 2;
    }
    if (!/^[0-9a-f]{64}$/.test(privateKey) || list?.kind !== 'vangnet.recipient-list') {
      console.error(USAGE);
      return 2;
    }
    const signed = signRecipientList(list, privateKey);
    // The same check the server and the apps make (signature, fields, dates), against this very key.
    const check = verifyRecipientList(signed, {
      anchors: [signed.signedBy],
      country: list.country,
      now: new Date(),
    });
    if (!check.ok) {
      console.error(`This list cannot be signed: ${check.reason}.`);
      return 2;
    }
    console.log(JSON.stringify(signed));
    console.error(
      `signed list ${list.sequence} for ${list.country} (${list.recipients.length} recipients) by ${anchorFingerprint(signed.signedBy)}`,
    );
    return 0;
  }
  if (sub === 'sign-list' && rest.length >= 5) {
    const [file, country, sequence, days, ...recipients] = rest as [
      string,
      string,
      string,
      string,
      ...string[],
    ];
    const privateKey = (await readFile(file, 'utf8')).trim();
    const seq = Number(sequence);
    const span = Number(days);
    if (!/^[0-9a-f]{64}$/.test(privateKey) || !Number.isSafeInteger(seq) || seq < 1 || !(span > 0)) {
      console.error(USAGE);
      return 2;
    }
    const now = Date.now();
    const list: RecipientList = {
      kind: 'vangnet.recipient-list',
      version: 1,
      country,
      sequence: seq,
      recipients,
      notBefore: new Date(now - 3_600_000).toISOString(),
      notAfter: new Date(now + span * 86_400_000).toISOString(),
    };
    console.log(JSON.stringify(signRecipientList(list, privateKey)));
    console.error(`signed by ${anchorFingerprint(signingPublicKey(privateKey))}`);
    return 0;
  }
  console.error(USAGE);
  return 2;
}
