import { randomUUID } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import type { ReportBody, ReportMetadata } from '@vangnet/core';
import {
  type AgeIdentity,
  type AgeRecipient,
  accessTokenHash,
  deriveReporterKeys,
  generateIdentity,
  generateReceiptCode,
  type ReceiptCode,
  type ReporterKeys,
  seal,
  sealJson,
  sha256Hex,
  toBase64,
} from '@vangnet/crypto';
import { helplineRecipients } from '../../src/db/schema/index.ts';
import { ensureHelpline } from '../../src/services/helpline.ts';
import type { TestApp } from './test-app.ts';

/**
 * Plays the reporter's device in tests: seals a body and evidence items exactly as the app does (to
 * the helpline's recipients from `/api/v1/config` plus the receipt-derived recipient), submits them
 * and uploads with raw tus requests.
 */

export const validMetadata: ReportMetadata = {
  country: 'NL',
  category: 'harassment',
  platform: 'instagram',
  role: 'self',
  ageBand: '13-15',
  flags: { ongoing: true, danger: false, selfHarm: false, imageAbuse: false },
};

/** Gives the test app's helpline a key pair (what the staff demo login does on a real start). */
export async function addHelplineKey(
  t: TestApp,
): Promise<{ identity: AgeIdentity; recipient: AgeRecipient }> {
  const helplineId = await ensureHelpline(t.deps.db, t.deps.pack);
  const key = await generateIdentity();
  await t.deps.db
    .insert(helplineRecipients)
    .values({ id: randomUUID(), helplineId, recipient: key.recipient });
  return key;
}

export type PreparedItem = { id: string; plaintext: Uint8Array; sealed: Uint8Array; sha256: string };

export type PreparedReport = {
  code: ReceiptCode;
  keys: ReporterKeys;
  body: ReportBody;
  request: {
    metadata: ReportMetadata;
    reporter: { recipient: string; accessTokenHash: string };
    body: string;
    items: { id: string; sha256: string; size: number }[];
  };
  items: PreparedItem[];
};

export async function prepareReport(
  t: TestApp,
  options: { description?: string; items?: Uint8Array[]; metadata?: Partial<ReportMetadata> } = {},
): Promise<PreparedReport> {
  const config = (await t.app.inject({ url: '/api/v1/config' })).json() as {
    helplineRecipients: AgeRecipient[];
  };
  const code = generateReceiptCode();
  const keys = await deriveReporterKeys(code);
  const recipients = [...config.helplineRecipients, keys.recipient];
  const capturedAt = new Date().toISOString();
  const items: PreparedItem[] = [];
  for (const plaintext of options.items ?? []) {
    const sealed = await seal(plaintext, recipients);
    items.push({ id: `item-${randomUUID().slice(0, 8)}`, plaintext, sealed, sha256: sha256Hex(sealed) });
  }
  const body: ReportBody = {
    version: 1,
    description: options.description ?? 'Someone keeps sending me mean messages.',
    links: [],
    language: 'nl',
    manifest: {
      version: 1,
      items: items.map((i) => ({
        id: i.id,
        kind: 'text' as const,
        mediaType: 'text/plain',
        size: i.plaintext.byteLength,
        sha256: sha256Hex(i.plaintext),
        capturedAt,
      })),
    },
  };
  return {
    code,
    keys,
    body,
    items,
    request: {
      metadata: { ...validMetadata, ...options.metadata },
      reporter: { recipient: keys.recipient, accessTokenHash: accessTokenHash(keys.accessToken) },
      body: toBase64(await sealJson(body, recipients)),
      items: items.map((i) => ({ id: i.id, sha256: i.sha256, size: i.sealed.byteLength })),
    },
  };
}

export async function submit(t: TestApp, body: unknown, idempotencyKey: string = randomUUID()) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/reports',
    headers: { 'idempotency-key': idempotencyKey },
    payload: body as object,
  });
}

const tusHeaders = (token: string) => ({ 'tus-resumable': '1.0.0', authorization: `Bearer ${token}` });

/** tus creation: returns the upload URL (relative). */
export async function createUpload(
  t: TestApp,
  token: string,
  reportId: string,
  itemId: string,
  size: number,
): Promise<Response> {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  return fetch(`${t.url}/api/v1/uploads`, {
    method: 'POST',
    headers: {
      ...tusHeaders(token),
      'upload-length': String(size),
      'upload-metadata': `reportId ${b64(reportId)},itemId ${b64(itemId)}`,
    },
  });
}

export async function patchUpload(
  t: TestApp,
  token: string,
  location: string,
  offset: number,
  bytes: Uint8Array,
) {
  return fetch(`${t.url}${location}`, {
    method: 'PATCH',
    headers: {
      ...tusHeaders(token),
      'upload-offset': String(offset),
      'content-type': 'application/offset+octet-stream',
    },
    // A copy on its own ArrayBuffer: what fetch accepts as a body.
    body: new Uint8Array(bytes),
  });
}

export async function uploadOffset(t: TestApp, token: string, location: string): Promise<number> {
  const res = await fetch(`${t.url}${location}`, { method: 'HEAD', headers: tusHeaders(token) });
  if (res.status !== 200) throw new Error(`HEAD answered ${res.status}`);
  return Number(res.headers.get('upload-offset'));
}

/** Creates an upload and sends all bytes in one PATCH. */
export async function uploadItem(
  t: TestApp,
  token: string,
  reportId: string,
  itemId: string,
  bytes: Uint8Array,
) {
  const created = await createUpload(t, token, reportId, itemId, bytes.byteLength);
  if (created.status !== 201) throw new Error(`create answered ${created.status}: ${await created.text()}`);
  return patchUpload(t, token, created.headers.get('location')!, 0, bytes);
}

/**
 * Sends the first `sendBytes` of a PATCH and then cuts the connection, as a phone that loses its
 * network mid-upload does.
 */
export function interruptedPatch(
  t: TestApp,
  token: string,
  location: string,
  bytes: Uint8Array,
  sendBytes: number,
): Promise<void> {
  return new Promise((resolve) => {
    const url = new URL(`${t.url}${location}`);
    const req = httpRequest({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'PATCH',
      headers: {
        ...tusHeaders(token),
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
        'content-length': String(bytes.byteLength),
      },
    });
    req.on('error', () => resolve());
    req.on('close', () => resolve());
    req.write(bytes.subarray(0, sendBytes), async () => {
      // Cut only once the server has stored part of it (a fixed delay is flaky on a busy machine).
      const staged = join(t.deps.config.dataDir, 'uploads', location.split('/').at(-1)!);
      for (let waited = 0; waited < 20_000; waited += 50) {
        if (existsSync(staged) && statSync(staged).size > 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      req.destroy();
    });
  });
}
