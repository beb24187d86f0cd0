import type { ManifestItem, ReportBody } from '@vangnet/core/report-body';
import { isHashOnlyRoute, type ReportMetadata } from '@vangnet/core/report-metadata';
import { type Draft, openAtRest, sealAtRest } from '../flow/draft.ts';
import { idbPut } from '../lib/idb.ts';
import { writeLocal } from '../lib/storage.ts';
import { loadCrypto } from '../load-crypto.ts';
import { loadConfig } from '../pack.ts';
import { type ItemDetails, isUnlocked, listItems, openItem } from '../vault/vault-store.ts';
import { OUTBOX_FLAG, type OutboxEntry, type UnsealedEntry } from './outbox-types.ts';
import { trustedRecipients } from './trusted-recipients.ts';

export class NotReadyError extends Error {}

type Pending = { draft: Draft; lang: string; code: string };

/**
 * Puts the report in the outbox, not yet sealed to anyone: sealed at rest under the device's key, with a
 * new receipt code. `sealPending` seals it to the helpline once its recipient list verifies; until then
 * it stays on the phone. Nothing leaves the phone here.
 */
export async function prepareReport(draft: Draft, lang: string): Promise<{ outboxId: string; code: string }> {
  const { category, platform, role, ageBand } = draft;
  if (!category || !platform || !role || !ageBand) throw new NotReadyError('unanswered');
  const c = await loadCrypto();
  const code = c.generateReceiptCode();
  const entry: UnsealedEntry = {
    id: crypto.randomUUID(),
    createdAt: Date.now(),
    state: 'unsealed',
    atRest: await sealAtRest({ draft, lang, code } satisfies Pending),
  };
  await idbPut('outbox', entry);
  writeLocal(OUTBOX_FLAG, '1');
  return { outboxId: entry.id, code };
}

/**
 * Seals a waiting report: the body and every evidence item to the helpline's recipients, as a signed
 * list that verifies says them (send/trusted-recipients.ts), and to the reporter (so the code alone
 * reopens them later). Throws UnverifiedRecipients when the list does not verify, and NotReadyError
 * when the server cannot be asked or the vault is locked: the entry then stays as it is.
 */
export async function sealPending(pending: UnsealedEntry): Promise<OutboxEntry> {
  const opened = await openAtRest<Pending>(pending.atRest);
  if (!opened) throw new NotReadyError('unreadable');
  const { draft, lang, code } = opened;
  const { category, platform, role, ageBand } = draft;
  if (!category || !platform || !role || !ageBand) throw new NotReadyError('unanswered');
  const evidence = async () => {
    const items = await listItems();
    if (items.length > 0 && !isUnlocked()) throw new NotReadyError('locked');
    const all: EvidenceToSeal[] = [];
    for (const item of items) {
      const { details, bytes } = await openItem(item);
      // A kept notice travels as the text it is; the helpline sees what the child sent the platform.
      all.push({ kind: item.kind === 'notice' ? 'text' : item.kind, details, bytes });
    }
    return all;
  };

  // Hash-only route: only the pictures' codes, in clear for matching and sealed for the case worker.
  const hashes =
    draft.hashes?.length && isHashOnlyRoute({ category, flags: draft.flags }) ? draft.hashes : undefined;
  const contact =
    draft.contactMode === 'contact'
      ? Object.fromEntries(Object.entries(draft.contact).filter(([, v]) => v.trim() !== ''))
      : undefined;
  const entry = await sealEntry({
    id: pending.id,
    createdAt: pending.createdAt,
    code,
    metadata: {
      category,
      platform,
      role,
      ageBand,
      flags: draft.flags,
      // The hash-only route's codes travel in clear so the server can match known-image lists.
      ...(hashes ? { hashes } : {}),
    },
    body: {
      description: draft.description,
      links: draft.links
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .slice(0, 50),
      ...(contact && Object.keys(contact).length > 0 ? { contact } : {}),
      language: lang,
      ...(hashes ? { hashes } : {}),
    },
    evidence,
  });
  await idbPut('outbox', entry);
  return entry;
}

/** One evidence item to seal: the vault's details (with the hash taken at capture) and the bytes. */
export type EvidenceToSeal = { kind: ManifestItem['kind']; details: ItemDetails; bytes: Uint8Array };

/**
 * Seals a report for the outbox: the body and every evidence item to the helpline's recipients, as a
 * signed list that verifies says them (send/trusted-recipients.ts), and to the reporter (so the code
 * alone reopens them later). Throws UnverifiedRecipients when the list does not verify, NotReadyError
 * when the server cannot be asked. Used by the report flow and by a chat that becomes a report.
 */
export async function sealEntry(input: {
  /** Also the Idempotency-Key of the report. */
  id: string;
  createdAt: number;
  code: string;
  metadata: Omit<ReportMetadata, 'country'>;
  body: Omit<ReportBody, 'version' | 'manifest'>;
  /** Asked for once the recipients verified (the vault may be locked: that is NotReadyError). */
  evidence: () => Promise<EvidenceToSeal[]>;
}): Promise<OutboxEntry> {
  const config = await loadConfig();
  if (!config) throw new NotReadyError('no-config');
  const helpline = await trustedRecipients(config);
  const evidence = await input.evidence();
  const c = await loadCrypto();
  const receipt = c.parseReceiptCode(input.code);
  if (!receipt) throw new NotReadyError('unreadable');
  const keys = await c.deriveReporterKeys(receipt);
  const recipients = [...helpline, keys.recipient] as unknown as Parameters<typeof c.seal>[1];

  const manifest: ReportBody['manifest']['items'] = [];
  const declared: OutboxEntry['request']['items'] = [];
  const blobs: OutboxEntry['blobs'] = [];
  for (const { kind, details, bytes } of evidence) {
    const id = crypto.randomUUID();
    const sealed = await c.seal(bytes, recipients);
    manifest.push({
      id,
      kind,
      mediaType: details.mediaType,
      ...(details.name ? { name: details.name.slice(0, 255) } : {}),
      size: details.size,
      sha256: details.sha256,
      capturedAt: details.capturedAt,
    });
    declared.push({ id, sha256: c.sha256Hex(sealed), size: sealed.byteLength });
    blobs.push({ id, sealed });
  }
  const body: ReportBody = { version: 1, ...input.body, manifest: { version: 1, items: manifest } };
  return {
    id: input.id,
    createdAt: input.createdAt,
    request: {
      metadata: { country: config.country, ...input.metadata },
      reporter: { recipient: keys.recipient, accessTokenHash: c.accessTokenHash(keys.accessToken) },
      body: c.toBase64(await c.sealJson(body, recipients)),
      items: declared,
    },
    blobs,
    accessToken: keys.accessToken,
    state: 'queued',
    uploaded: [],
  };
}
