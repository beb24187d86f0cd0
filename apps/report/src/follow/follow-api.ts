import type { SealedMessageBody } from '@vangnet/core/report-body';
import type { AgeIdentity } from '../crypto.ts';
import { loadCrypto } from '../load-crypto.ts';
import { loadConfig } from '../pack.ts';
import { trustedRecipients } from '../send/trusted-recipients.ts';

export type { AgeIdentity } from '../crypto.ts';

export interface ReporterKeysLike {
  identity: AgeIdentity;
  recipient: string;
  accessToken: string;
}

export interface OpenedReport {
  status: string;
  /** Event kinds, times and codes only (status, service id, outcome); worded by timeline-words.ts. */
  timeline: { at: string; event: string; detail?: Record<string, string> }[];
  messages: { id: string; author: 'reporter' | 'helpline'; createdAt: string; text: string | null }[];
}

export class FollowError extends Error {
  readonly reason: 'typo' | 'not-found' | 'offline';
  constructor(reason: 'typo' | 'not-found' | 'offline') {
    super(reason);
    this.reason = reason;
  }
}

interface SelfAnswer {
  status: string;
  timeline: { at: string; event: string; detail?: Record<string, unknown> | null }[];
  messages: { id: string; author: 'reporter' | 'helpline'; sealed: string; createdAt: string }[];
}

/** From a typed code (or keys already derived) to the opened report: status, timeline, readable messages. */
export async function openReport(
  codeOrKeys: string | ReporterKeysLike,
): Promise<{ keys: ReporterKeysLike; report: OpenedReport }> {
  const c = await loadCrypto();
  let keys: ReporterKeysLike;
  if (typeof codeOrKeys === 'string') {
    const code = c.parseReceiptCode(codeOrKeys);
    if (!code) throw new FollowError('typo');
    keys = await c.deriveReporterKeys(code);
  } else {
    keys = codeOrKeys;
  }
  let res: Response;
  try {
    res = await fetch('/api/v1/reports/self', {
      headers: { authorization: `Bearer ${keys.accessToken}`, accept: 'application/json' },
    });
  } catch {
    throw new FollowError('offline');
  }
  if (res.status === 404 || res.status === 401) throw new FollowError('not-found');
  if (!res.ok) throw new Error(`reports/self: ${res.status}`);
  const self = (await res.json()) as SelfAnswer;
  const messages = await Promise.all(
    self.messages.map(async (m) => {
      let text: string | null = null;
      try {
        const body = await c.openJson<SealedMessageBody>(c.fromBase64(m.sealed) as never, [keys.identity]);
        text = typeof body.text === 'string' ? body.text : null;
      } catch {
        text = null;
      }
      return { id: m.id, author: m.author, createdAt: m.createdAt, text };
    }),
  );
  return {
    keys,
    report: {
      status: self.status,
      timeline: self.timeline.map((e) => ({
        at: e.at,
        event: e.event,
        ...(e.detail ? { detail: stringsOnly(e.detail) } : {}),
      })),
      messages,
    },
  };
}

/** A reply sealed to the helpline and to the reporter (so it shows in the thread on any device). */
export async function sendReply(keys: ReporterKeysLike, text: string, idempotencyKey: string): Promise<void> {
  const c = await loadCrypto();
  const config = await loadConfig();
  if (!config) throw new FollowError('offline');
  const body: SealedMessageBody = { version: 1, text };
  // Only to a recipient list that verifies against the pack's trust anchor (send/trusted-recipients.ts).
  const helpline = await trustedRecipients(config);
  const recipients = [...helpline, keys.recipient] as unknown as Parameters<typeof c.seal>[1];
  const sealed = await c.sealJson(body, recipients);
  const res = await fetch('/api/v1/reports/self/messages', {
    method: 'POST',
    headers: {
      authorization: `Bearer ${keys.accessToken}`,
      'content-type': 'application/json',
      'idempotency-key': idempotencyKey,
    },
    body: JSON.stringify({ sealed: c.toBase64(sealed) }),
  });
  if (!res.ok) throw new Error(`reply: ${res.status}`);
}

function stringsOnly(detail: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(detail).filter((kv): kv is [string, string] => typeof kv[1] === 'string'),
  );
}
