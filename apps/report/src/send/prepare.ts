import type { ReportBody } from '@vangnet/core/report-body';
import { isHashOnlyRoute } from '@vangnet/core/report-metadata';
import type { Draft } from '../flow/draft.ts';
import { idbPut } from '../lib/idb.ts';
import { writeLocal } from '../lib/storage.ts';
import { loadCrypto } from '../load-crypto.ts';
import { loadConfig } from '../pack.ts';
import { listItems, openItem } from '../vault/vault-store.ts';
import { OUTBOX_FLAG, type OutboxEntry } from './outbox-types.ts';

export class NotReadyError extends Error {}

/**
 * Seals the report on the device and puts it in the outbox. Nothing leaves the phone here: the receipt
 * code is new, the reporter keys come from it, and the body and every evidence item are sealed to the
 * helpline's recipients and to the reporter (so the code alone reopens them later).
 */
export async function prepareReport(draft: Draft, lang: string): Promise<{ outboxId: string; code: string }> {
  const { category, platform, role, ageBand } = draft;
  if (!category || !platform || !role || !ageBand) throw new NotReadyError('unanswered');
  const config = await loadConfig();
  if (!config || config.helplineRecipients.length === 0) throw new NotReadyError('no-config');
  const c = await loadCrypto();
  const code = c.generateReceiptCode();
  const keys = await c.deriveReporterKeys(code);
  const recipients = [...config.helplineRecipients, keys.recipient] as unknown as Parameters<
    typeof c.seal
  >[1];

  const manifest: ReportBody['manifest']['items'] = [];
  const declared: OutboxEntry['request']['items'] = [];
  const blobs: OutboxEntry['blobs'] = [];
  for (const item of await listItems()) {
    const { details, bytes } = await openItem(item);
    const id = crypto.randomUUID();
    const sealed = await c.seal(bytes, recipients);
    manifest.push({
      id,
      kind: item.kind,
      mediaType: details.mediaType,
      ...(details.name ? { name: details.name.slice(0, 255) } : {}),
      size: details.size,
      sha256: details.sha256,
      capturedAt: details.capturedAt,
    });
    declared.push({ id, sha256: c.sha256Hex(sealed), size: sealed.byteLength });
    blobs.push({ id, sealed });
  }

  // Hash-only route: only the pictures' codes, in clear for matching and sealed for the case worker.
  const hashes =
    draft.hashes?.length && isHashOnlyRoute({ category, flags: draft.flags }) ? draft.hashes : undefined;
  const contact =
    draft.contactMode === 'contact'
      ? Object.fromEntries(Object.entries(draft.contact).filter(([, v]) => v.trim() !== ''))
      : undefined;
  const body: ReportBody = {
    version: 1,
    description: draft.description,
    links: draft.links
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .slice(0, 50),
    ...(contact && Object.keys(contact).length > 0 ? { contact } : {}),
    language: lang,
    manifest: { version: 1, items: manifest },
    ...(hashes ? { hashes } : {}),
  };
  const entry: OutboxEntry = {
    id: crypto.randomUUID(),
    createdAt: Date.now(),
    request: {
      metadata: {
        country: config.country,
        category,
        platform,
        role,
        ageBand,
        flags: draft.flags,
        // The hash-only route's codes travel in clear so the server can match known-image lists.
        ...(hashes ? { hashes } : {}),
      },
      reporter: { recipient: keys.recipient, accessTokenHash: c.accessTokenHash(keys.accessToken) },
      body: c.toBase64(await c.sealJson(body, recipients)),
      items: declared,
    },
    blobs,
    accessToken: keys.accessToken,
    state: 'queued',
    uploaded: [],
  };
  await idbPut('outbox', entry);
  writeLocal(OUTBOX_FLAG, '1');
  return { outboxId: entry.id, code };
}
