import type { AgeBand } from '@vangnet/core/taxonomy';
import { idbPut } from '../lib/idb.ts';
import { writeLocal } from '../lib/storage.ts';
import { loadCrypto } from '../load-crypto.ts';
import { onProgress, processOutbox } from '../send/outbox.ts';
import { OUTBOX_FLAG } from '../send/outbox-types.ts';
import { type EvidenceToSeal, sealEntry } from '../send/prepare.ts';
import { openItem, type StoredItem } from '../vault/vault-store.ts';

/**
 * A chat becomes a report with one tap: an ordinary report through the ordinary outbox (one
 * Idempotency-Key, resumable uploads, so a retry never makes two), with the transcript as a text item
 * and the photos the child shared from the vault as they are there (with the hash taken at capture).
 * All of it sealed on this phone to the helpline and the new receipt code; the server reads none of it.
 * Clear metadata says as little as a report can: category and platform "other", the chat's age band.
 *
 * Returns the receipt code at once and, later, the report's access token once it is in the queue (the
 * chat is then told which report it became).
 */
export async function makeChatReport(input: {
  transcript: string;
  description: string;
  lang: string;
  ageBand: AgeBand;
  photos: readonly StoredItem[];
}): Promise<{ code: string; inQueue: Promise<{ accessToken: string }> }> {
  const c = await loadCrypto();
  const code = c.generateReceiptCode();
  const evidence = async (): Promise<EvidenceToSeal[]> => {
    const bytes = new TextEncoder().encode(input.transcript);
    const all: EvidenceToSeal[] = [
      {
        kind: 'text',
        details: {
          mediaType: 'text/plain;charset=utf-8',
          name: 'chat.txt',
          size: bytes.byteLength,
          sha256: c.sha256Hex(bytes),
          capturedAt: new Date().toISOString(),
        },
        bytes,
      },
    ];
    for (const photo of input.photos) {
      const opened = await openItem(photo);
      all.push({ kind: 'image', ...opened });
    }
    return all;
  };
  const entry = await sealEntry({
    id: crypto.randomUUID(),
    createdAt: Date.now(),
    code,
    metadata: {
      category: 'other',
      platform: 'other',
      role: 'self',
      ageBand: input.ageBand,
      flags: { ongoing: false, danger: false, selfHarm: false, imageAbuse: false },
    },
    body: { description: input.description, links: [], language: input.lang },
    evidence,
  });
  // Kept before it goes: the outbox drops the token once the helpline has the report.
  const accessToken = entry.accessToken!;
  await idbPut('outbox', entry);
  writeLocal(OUTBOX_FLAG, '1');
  const inQueue = new Promise<{ accessToken: string }>((resolve, reject) => {
    const stop = onProgress((p) => {
      if (p.entryId !== entry.id) return;
      if (p.stage === 'done') {
        stop();
        resolve({ accessToken });
      } else if (p.stage === 'failed') {
        stop();
        reject(new Error(p.problem));
      }
    });
  });
  void processOutbox();
  return { code, inQueue };
}
