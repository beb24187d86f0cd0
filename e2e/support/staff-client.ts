import { randomUUID } from 'node:crypto';
import type { SealedMessageBody } from '@vangnet/core';
import {
  type AgeIdentity,
  type AgeRecipient,
  deriveWorkerSecrets,
  fromBase64,
  openJson,
  recipientOf,
  sealJson,
  toBase64,
  unwrapHelplineIdentity,
} from '@vangnet/crypto';
import { currentTotpCode } from '../../apps/server/src/staff/totp.ts';

/**
 * Plays the case worker's browser over the staff API, deriving keys exactly as the console does: the
 * password gives an auth key for the server and an unwrap key that opens the helpline identity.
 */
export interface StaffSession {
  identity: AgeIdentity;
  request(path: string, init?: RequestInit): Promise<Response>;
}

export async function signInStaff(
  baseUrl: string,
  login: { email: string; password: string; totpSecret: string },
): Promise<StaffSession> {
  const pre = await fetch(`${baseUrl}/api/v1/staff/prelogin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: login.email }),
  });
  const { kdfSalt } = (await pre.json()) as { kdfSalt: string };
  const secrets = await deriveWorkerSecrets(login.password, kdfSalt);
  const res = await fetch(`${baseUrl}/api/v1/staff/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: login.email,
      authKey: secrets.authKey,
      totp: currentTotpCode(login.totpSecret),
    }),
  });
  if (!res.ok) throw new Error(`staff login: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { wrappedHelplineKey } = (await res.json()) as { wrappedHelplineKey: string | null };
  if (!wrappedHelplineKey) throw new Error('the demo worker has no helpline key');
  const identity = await unwrapHelplineIdentity(fromBase64(wrappedHelplineKey), secrets.unwrapKey);
  return {
    identity,
    request: (path, init = {}) =>
      fetch(`${baseUrl}${path}`, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), cookie },
      }),
  };
}

interface CaseView {
  id: string;
  status: string;
  reporterRecipient: string;
  messages: { id: string; author: string; sealed: string }[];
}

export async function onlyCase(staff: StaffSession): Promise<CaseView> {
  const list = (await (await staff.request('/api/v1/staff/cases')).json()) as { cases: { id: string }[] };
  if (list.cases.length !== 1) throw new Error(`expected one case, found ${list.cases.length}`);
  return (await (await staff.request(`/api/v1/staff/cases/${list.cases[0]!.id}`)).json()) as CaseView;
}

/** A helpline message sealed to the helpline and to the reporter, as the console sends it. */
export async function postHelplineMessage(
  staff: StaffSession,
  caseView: CaseView,
  text: string,
): Promise<void> {
  const body: SealedMessageBody = { version: 1, text };
  const recipients = [await recipientOf(staff.identity), caseView.reporterRecipient as AgeRecipient];
  const sealed = await sealJson(body, recipients);
  const res = await staff.request(`/api/v1/staff/cases/${caseView.id}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({ sealed: toBase64(sealed) }),
  });
  if (res.status !== 201) throw new Error(`helpline message: ${res.status} ${await res.text()}`);
}

/** Opens every message of the case with the helpline identity. */
export async function readMessages(
  staff: StaffSession,
  caseView: CaseView,
): Promise<{ author: string; text: string }[]> {
  return Promise.all(
    caseView.messages.map(async (m) => ({
      author: m.author,
      text: (await openJson<SealedMessageBody>(fromBase64(m.sealed) as never, [staff.identity])).text,
    })),
  );
}
