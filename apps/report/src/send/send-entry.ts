import type { OutboxEntry } from './outbox-types.ts';

/**
 * Sending one outbox entry, with its I/O passed in (the browser's fetch, tus-js-client and IndexedDB in
 * the app; a real server and an in-memory store in tests). Every step can be repeated safely: the report
 * POST carries the entry's Idempotency-Key (same answer on a retry), uploads are resumable, and an item
 * the server already has is skipped.
 */
export type SendProgress =
  | { entryId: string; stage: 'sending'; sent: number; total: number }
  | { entryId: string; stage: 'done'; reportId: string }
  | { entryId: string; stage: 'waiting' }
  /** The helpline's recipient list did not verify: the report stays on the phone, sealed to nobody. */
  | { entryId: string; stage: 'unverified' }
  | { entryId: string; stage: 'failed'; problem: string };

/** No network, a busy server or an answer lost: try again later. */
export class Offline extends Error {}

/** The server refused for good (a problem code the reporter can be shown). */
export class Rejected extends Error {
  readonly problem: string;
  constructor(problem: string) {
    super(problem);
    this.problem = problem;
  }
}

export type OutboxIo = {
  online(): boolean;
  fetch(url: string, init: RequestInit): Promise<Response>;
  /** Uploads one sealed item (tus); rejects with Offline or Rejected. */
  upload(
    entry: OutboxEntry,
    blob: { id: string; sealed: Uint8Array },
    onBytes: (n: number) => void,
  ): Promise<void>;
  /** Stores the entry (IndexedDB in the app). */
  save(entry: OutboxEntry): Promise<void>;
  emit(progress: SendProgress): void;
};

async function request(io: OutboxIo, url: string, init: RequestInit): Promise<Response> {
  if (!io.online()) throw new Offline();
  let res: Response;
  try {
    res = await io.fetch(url, init);
  } catch {
    throw new Offline();
  }
  // Busy or briefly broken server: like being offline, try again later.
  if (res.status >= 500 || res.status === 429) throw new Offline();
  return res;
}

async function problemCode(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { code?: string };
    return body.code ?? `http.${res.status}`;
  } catch {
    return `http.${res.status}`;
  }
}

async function createReport(io: OutboxIo, entry: OutboxEntry): Promise<void> {
  const res = await request(io, '/api/v1/reports', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': entry.id },
    body: JSON.stringify(entry.request),
  });
  if (!res.ok) throw new Rejected(await problemCode(res));
  const answer = (await res.json()) as { reportId: string; uploadUrl?: string };
  entry.reportId = answer.reportId;
  entry.uploadUrl = answer.uploadUrl ?? '/api/v1/uploads';
  entry.state = 'created';
  await io.save(entry);
}

/** What `GET /api/v1/reports/self` says about delivery (docs/contracts.md). */
type ReportState = { status: string; items: { id: string; received: boolean }[] };

/**
 * The server's own word on the report, asked with the reporter's token. Only this decides that the
 * helpline has it: an upload that "succeeded" proves nothing (a server that failed at the last byte once
 * said "complete" for an item it never recorded).
 */
async function reportState(io: OutboxIo, entry: OutboxEntry): Promise<ReportState> {
  const res = await request(io, '/api/v1/reports/self', {
    headers: { authorization: `Bearer ${entry.accessToken}`, accept: 'application/json' },
  });
  if (!res.ok) throw new Rejected(await problemCode(res));
  const self = (await res.json()) as { status?: string; items?: { id: string; received: boolean }[] };
  return { status: self.status ?? 'awaiting-evidence', items: self.items ?? [] };
}

/** In the helpline's queue: `new`, or already further along (a case worker may have picked it up). */
export const inHelplineQueue = (state: { status: string }) => state.status !== 'awaiting-evidence';

/** The server is the judge of what arrived: only items it lists as received count as uploaded. */
function trustServer(entry: OutboxEntry, state: ReportState): void {
  const received = new Set(state.items.filter((i) => i.received).map((i) => i.id));
  entry.uploaded = entry.blobs.map((b) => b.id).filter((id) => received.has(id));
}

/** Everything went up, but the server does not have the report in its queue yet: keep it all, try later. */
export class NotYetInQueue extends Offline {}

async function finish(io: OutboxIo, entry: OutboxEntry): Promise<void> {
  entry.state = 'done';
  // Nothing sealed or secret stays behind once the helpline has it.
  entry.blobs = [];
  delete entry.accessToken;
  await io.save(entry);
  io.emit({ entryId: entry.id, stage: 'done', reportId: entry.reportId ?? '' });
}

/**
 * Sends one entry as far as it can. The sealed copy and the token are deleted only once the server says
 * the report is in the helpline's queue; until then the entry stays `created` and a later run (the app
 * retries by itself) uploads whatever the server still lacks.
 */
export async function sendEntry(io: OutboxIo, entry: OutboxEntry): Promise<void> {
  const total = entry.blobs.reduce((n, b) => n + b.sealed.byteLength, 0) + entry.request.body.length;
  let done = entry.request.body.length;
  io.emit({ entryId: entry.id, stage: 'sending', sent: 0, total });
  if (entry.state === 'queued') await createReport(io, entry);
  io.emit({ entryId: entry.id, stage: 'sending', sent: done, total });
  // After a lost answer the server may already hold some items, or the whole report.
  let state = await reportState(io, entry);
  if (!inHelplineQueue(state)) {
    trustServer(entry, state);
    await io.save(entry);
    for (const blob of entry.blobs) {
      if (entry.uploaded.includes(blob.id)) {
        done += blob.sealed.byteLength;
        continue;
      }
      await io.upload(entry, blob, (n) =>
        io.emit({ entryId: entry.id, stage: 'sending', sent: done + n, total }),
      );
      done += blob.sealed.byteLength;
      entry.uploaded.push(blob.id);
      await io.save(entry);
    }
    state = await reportState(io, entry);
  }
  if (!inHelplineQueue(state)) {
    trustServer(entry, state);
    await io.save(entry);
    throw new NotYetInQueue();
  }
  await finish(io, entry);
}
