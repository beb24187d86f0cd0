import type { ManifestItem, ReportBody, SealedMessageBody } from '@vangnet/core';
import { reportBodySchema, sealedMessageBodySchema } from '@vangnet/core';
import { reportBodyOfSealed } from '@vangnet/core/routing/partner-content';
import type { Crypto } from '../lib/crypto.ts';
import type { CaseDetail, CaseMessage, ServerReceipt } from '../lib/types.ts';

/**
 * Opens a case in the browser: the sealed body, every evidence item and every message, with the
 * helpline identity that never leaves memory. Each item gets three independent checks, so a worker
 * sees exactly which link of the chain holds:
 *   manifest  SHA-256 of the opened bytes = the hash the reporter's device took at capture;
 *   receipt   SHA-256 of the ciphertext   = the hash the server signed when it received it;
 *   signature the server's Ed25519 signature over the receipt is valid with the key from /config.
 */
/**
 * `receipt` and `signature` are left out where there is no server receipt to hold the bytes against: a
 * photo shared in a live chat has only the hash its vault took at capture.
 */
export type ItemChecks = { manifest: boolean; receipt?: boolean; signature?: boolean };

/** The opened bytes are the ones the reporter's device took the hash of at capture (size and SHA-256). */
export function matchesManifest(
  crypto: { sha256Hex(bytes: Uint8Array): string },
  m: Pick<ManifestItem, 'size' | 'sha256'>,
  plain: Uint8Array | null,
): boolean {
  return plain !== null && plain.length === m.size && crypto.sha256Hex(plain) === m.sha256;
}

export type OpenedItem = {
  manifest: ManifestItem;
  /** Opened bytes, or null when the ciphertext was missing or did not open. */
  plain: Uint8Array | null;
  sealed: Uint8Array | null;
  checks: ItemChecks;
  ok: boolean;
};

export type OpenedMessage = {
  id: string;
  author: CaseMessage['author'];
  createdAt: string;
  internal: boolean;
  body: SealedMessageBody | null;
};

export type OpenedCase = {
  detail: CaseDetail;
  sealedBody: Uint8Array;
  body: ReportBody;
  /** The sealed body's hash is the one in the signed receipt. */
  bodyMatchesReceipt: boolean;
  signatureValid: boolean;
  items: OpenedItem[];
  messages: OpenedMessage[];
};

export type CaseSource = {
  fetchItem: (itemId: string) => Promise<Uint8Array>;
  serverPublicKey: string;
};

export async function openCase(
  crypto: Crypto,
  /** Every helpline identity the worker holds (or one): a report sealed before a rotation needs an older one. */
  identity: string | readonly string[],
  detail: CaseDetail,
  source: CaseSource,
): Promise<OpenedCase> {
  const identities = (typeof identity === 'string' ? [identity] : [...identity]) as Parameters<
    Crypto['open']
  >[1][number][];
  const sealedBody = crypto.fromBase64(detail.body);
  // A case another member state's instance handed over holds the referral content (docs/federation.md).
  const body = await crypto.openJson<ReportBody>(sealedBody as never, identities, (v) =>
    reportBodySchema.parse(reportBodyOfSealed(v)),
  );
  const receipt: ServerReceipt | null = detail.receipt;
  const signatureValid =
    receipt !== null &&
    detail.signature !== null &&
    crypto.verifyCountersignature(receipt, detail.signature, source.serverPublicKey);
  const bodyMatchesReceipt = receipt !== null && crypto.sha256Hex(sealedBody) === receipt.body.sha256;

  const items = await Promise.all(
    body.manifest.items.map(async (m): Promise<OpenedItem> => {
      const signed = receipt?.items.find((i) => i.id === m.id);
      let sealed: Uint8Array | null = null;
      let plain: Uint8Array | null = null;
      try {
        sealed = await source.fetchItem(m.id);
        plain = await crypto.open(sealed as never, identities);
      } catch {
        // Missing or unopenable: shown as not intact, never hidden.
      }
      const checks = {
        manifest: matchesManifest(crypto, m, plain),
        receipt: sealed !== null && signed !== undefined && crypto.sha256Hex(sealed) === signed.sha256,
        signature: signatureValid && bodyMatchesReceipt,
      } satisfies ItemChecks;
      return {
        manifest: m,
        plain,
        sealed,
        checks,
        ok: checks.manifest && checks.receipt && checks.signature,
      };
    }),
  );

  const messages = await Promise.all(detail.messages.map((m) => openMessage(crypto, identities, m)));
  return { detail, sealedBody, body, bodyMatchesReceipt, signatureValid, items, messages };
}

export async function openMessage(
  crypto: Crypto,
  identities: Parameters<Crypto['open']>[1],
  m: CaseMessage,
): Promise<OpenedMessage> {
  let body: SealedMessageBody | null = null;
  try {
    body = await crypto.openJson<SealedMessageBody>(crypto.fromBase64(m.sealed) as never, identities, (v) =>
      sealedMessageBodySchema.parse(v),
    );
  } catch {
    body = null;
  }
  return { id: m.id, author: m.author, createdAt: m.createdAt, internal: m.internal === true, body };
}
