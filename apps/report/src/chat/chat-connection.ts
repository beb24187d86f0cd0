import type { AgeIdentity } from '../crypto.ts';
import type { CryptoChunk } from '../load-crypto.ts';
import { loadCrypto } from '../load-crypto.ts';
import { loadConfig } from '../pack.ts';
import { onQuickExit } from '../quick-exit.ts';
import { trustedRecipients } from '../send/trusted-recipients.ts';
import { openItem, type StoredItem } from '../vault/vault-store.ts';
import { type ChatLine, mergeLine } from './chat-lines.ts';
import { readSse } from './sse-reader.ts';

export type ChatState = {
  status: 'starting' | 'waiting' | 'active' | 'closed' | 'abandoned';
  position: number | null;
  /** The live stream is open now. */
  connected: boolean;
  urgent: boolean;
};

/** A photo goes up first (its own PUT), then the message that names it. */
type Outgoing = {
  clientId: string;
  sealed: string;
  photo?: { id: string; sealed: Uint8Array; sent: boolean };
};

/** Largest photo (before sealing) that goes into the chat; the server takes 8 MiB sealed. */
export const MAX_CHAT_PHOTO_BYTES = 7.5 * 1024 * 1024;

export class PhotoTooLarge extends Error {}

const RECONNECT_MS = 500;
const RESEND_MS = 1000;
const POSITION_POLL_MS = 3000;

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const randomHex = (n: number) => hex(crypto.getRandomValues(new Uint8Array(n)));

/**
 * One live chat on the child's device. It makes the chat id, the secret (only its hash reaches the
 * server, as the bearer token's SHA-256) and a short-lived age key pair, all held in memory only:
 * leaving the screen forgets them. Messages are sealed here to the helpline and to this chat's own key.
 *
 * Nothing is lost or doubled across a dropped connection or a server restart: each message has its
 * own id and is resent until the server answers (a resend is the same message there); the stream
 * resumes after the last sequence number seen; lines are merged by message id (chat-lines.ts).
 */
export class ChatConnection {
  readonly chatId = crypto.randomUUID();
  readonly #token = randomHex(32);
  #identity: AgeIdentity | null = null;
  #recipients: string[] = [];
  #crypto: CryptoChunk | null = null;
  #lines: ChatLine[] = [];
  #state: ChatState = { status: 'starting', position: null, connected: false, urgent: false };
  #lastSeq = 0;
  #local = 0;
  #outbox: Outgoing[] = [];
  #sending = false;
  #stopped = false;
  #stream: AbortController | null = null;
  #timers = new Set<ReturnType<typeof setTimeout>>();
  /** Vault items shared in this chat: a report made from the chat takes them along. */
  #shared: StoredItem[] = [];
  #photoUrls: string[] = [];
  #ageBand: string | undefined;
  readonly #onChange: (lines: ChatLine[], state: ChatState) => void;

  constructor(onChange: (lines: ChatLine[], state: ChatState) => void) {
    this.#onChange = onChange;
    addEventListener('online', this.#wake);
    // Quick exit, closing the tab or going elsewhere: the chat ends on the server too, so the counsellor
    // sees that the child left (a keepalive request outlives the page).
    addEventListener('pagehide', this.#leave);
    this.#forgetQuickExit = onQuickExit(this.#leave);
  }

  readonly #forgetQuickExit: () => void;

  readonly #leave = () => this.stop();

  /** The conversation as shown, in server order. */
  get lines(): readonly ChatLine[] {
    return this.#lines;
  }

  /** Vault photos shared in this chat, in the order they were shared. */
  get sharedPhotos(): readonly StoredItem[] {
    return this.#shared;
  }

  get ageBand(): string | undefined {
    return this.#ageBand;
  }

  get #auth() {
    return { authorization: `Bearer ${this.#token}` };
  }

  /** Registers the chat (retried until the server answers), then opens the stream. */
  async start(lang: string, ageBand?: string): Promise<void> {
    this.#ageBand = ageBand;
    const c = await loadCrypto();
    this.#crypto = c;
    const keys = await c.generateIdentity();
    this.#identity = keys.identity;
    const config = await loadConfig();
    if (!config) throw new Error('offline');
    // Sealed only to a recipient list signed with the pack's pinned trust anchor, like a report: a server
    // that swaps the helpline's key must not get to read the chat (throws UnverifiedRecipients).
    this.#recipients = [...(await trustedRecipients(config)), keys.recipient];
    const body = JSON.stringify({
      chatId: this.chatId,
      childRecipient: keys.recipient,
      lang,
      ...(ageBand ? { ageBand } : {}),
    });
    for (;;) {
      if (this.#stopped) return;
      try {
        const res = await fetch('/api/v1/chats', {
          method: 'POST',
          headers: { ...this.#auth, 'content-type': 'application/json' },
          body,
        });
        if (res.ok) {
          this.#applyState(await res.json());
          break;
        }
        if (res.status < 500) throw new Error(`chat start: ${res.status}`);
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('chat start')) throw error;
      }
      await this.#sleep(RESEND_MS);
    }
    void this.#listen();
    void this.#pollPosition();
  }

  /** Seals and queues a message; it shows at once and is sent (and resent) until the server has it. */
  async send(text: string): Promise<void> {
    const c = this.#crypto;
    if (!c) return;
    const clientId = `c-${randomHex(12)}`;
    this.#lines = mergeLine(this.#lines, {
      clientId,
      seq: null,
      author: 'child',
      text,
      local: ++this.#local,
    });
    this.#emit();
    const sealed = await c.sealJson({ version: 1, text }, this.#recipients as never);
    this.#outbox.push({ clientId, sealed: c.toBase64(sealed) });
    void this.#flush();
  }

  /**
   * Shares a photo from the vault: sealed here to the helpline and this chat's key, put beside the chat,
   * then named by a sealed message with the vault's details (type, size, the SHA-256 taken at capture),
   * so the counsellor's console can check that the bytes it opened are the ones the vault holds.
   */
  async sharePhoto(item: StoredItem): Promise<void> {
    const c = this.#crypto;
    if (!c) return;
    const { details, bytes } = await openItem(item);
    if (bytes.byteLength > MAX_CHAT_PHOTO_BYTES) throw new PhotoTooLarge();
    const clientId = `p-${randomHex(12)}`;
    const photoId = `ph-${randomHex(12)}`;
    const photoUrl = URL.createObjectURL(
      new Blob([bytes as Uint8Array<ArrayBuffer>], { type: details.mediaType }),
    );
    this.#photoUrls.push(photoUrl);
    this.#shared.push(item);
    this.#lines = mergeLine(this.#lines, {
      clientId,
      seq: null,
      author: 'child',
      text: '',
      local: ++this.#local,
      photo: true,
      photoUrl,
    });
    this.#emit();
    const sealedPhoto = await c.seal(bytes, this.#recipients as never);
    const manifest = {
      id: photoId,
      kind: 'image' as const,
      mediaType: details.mediaType,
      ...(details.name ? { name: details.name.slice(0, 255) } : {}),
      size: details.size,
      sha256: details.sha256,
      capturedAt: details.capturedAt,
    };
    const sealed = await c.sealJson({ version: 1, text: '', items: [manifest] }, this.#recipients as never);
    this.#outbox.push({
      clientId,
      sealed: c.toBase64(sealed),
      photo: { id: photoId, sealed: sealedPhoto, sent: false },
    });
    void this.#flush();
  }

  /** Tells the chat which report it became (the report's own token proves it); retried until it lands. */
  async linkReport(accessToken: string): Promise<void> {
    for (let attempt = 0; attempt < 30; attempt++) {
      try {
        const res = await fetch(`/api/v1/chats/${this.chatId}/report`, {
          method: 'POST',
          headers: { ...this.#auth, 'content-type': 'application/json' },
          body: JSON.stringify({ accessToken }),
        });
        if (res.ok || (res.status >= 400 && res.status < 500)) return;
      } catch {
        // Offline: try again shortly.
      }
      await new Promise((resolve) => setTimeout(resolve, RESEND_MS));
    }
  }

  /** Ends the chat on the server (best effort) and forgets everything here. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    removeEventListener('online', this.#wake);
    removeEventListener('pagehide', this.#leave);
    this.#forgetQuickExit();
    for (const url of this.#photoUrls) URL.revokeObjectURL(url);
    this.#photoUrls = [];
    this.#shared = [];
    this.#stream?.abort();
    for (const timer of this.#timers) clearTimeout(timer);
    void fetch(`/api/v1/chats/${this.chatId}/leave`, {
      method: 'POST',
      headers: this.#auth,
      keepalive: true,
    }).catch(() => undefined);
    this.#lines = [];
    this.#identity = null;
  }

  /** Back online: reopen the stream now (it may have stalled without an error) and send what waits. */
  readonly #wake = () => {
    this.#stream?.abort();
    void this.#flush();
  };

  async #flush(): Promise<void> {
    if (this.#sending || this.#stopped) return;
    this.#sending = true;
    try {
      while (this.#outbox.length > 0 && !this.#stopped) {
        const next = this.#outbox[0]!;
        let ok = false;
        try {
          if (next.photo && !next.photo.sent) {
            const put = await fetch(`/api/v1/chats/${this.chatId}/photos/${next.photo.id}`, {
              method: 'PUT',
              headers: { ...this.#auth, 'content-type': 'application/octet-stream' },
              body: next.photo.sealed as Uint8Array<ArrayBuffer>,
            });
            if (put.status >= 400 && put.status < 500) {
              // Refused for good (the chat ended, or the photo is too large): it will not go.
              this.#outbox.shift();
              continue;
            }
            if (!put.ok) throw new Error('busy');
            next.photo.sent = true;
          }
          const res = await fetch(`/api/v1/chats/${this.chatId}/messages`, {
            method: 'POST',
            headers: { ...this.#auth, 'content-type': 'application/json' },
            body: JSON.stringify({ clientId: next.clientId, sealed: next.sealed }),
          });
          if (res.ok) {
            const stored = (await res.json()) as { seq: number };
            this.#lines = mergeLine(this.#lines, { ...this.#lineOf(next.clientId), seq: stored.seq });
            this.#emit();
            ok = true;
          } else if (res.status === 409) {
            // The chat ended: nothing more will be taken.
            this.#outbox = [];
            return;
          }
        } catch {
          // Offline or the server is restarting: try again shortly, with the same id.
        }
        if (ok) this.#outbox.shift();
        else await this.#sleep(RESEND_MS);
      }
    } finally {
      this.#sending = false;
    }
  }

  #lineOf(clientId: string): ChatLine {
    return this.#lines.find((l) => l.clientId === clientId)!;
  }

  async #listen(): Promise<void> {
    while (!this.#stopped) {
      const controller = new AbortController();
      this.#stream = controller;
      try {
        const res = await fetch(`/api/v1/chats/${this.chatId}/events`, {
          headers: { ...this.#auth, accept: 'text/event-stream', 'last-event-id': String(this.#lastSeq) },
          signal: controller.signal,
          cache: 'no-store',
        });
        if (res.ok && res.body) {
          this.#setConnected(true);
          void this.#flush();
          await readSse(res.body, (event) => void this.#onEvent(event.event, event.data));
        }
      } catch {
        // Dropped, aborted or offline: reconnect below.
      }
      this.#setConnected(false);
      if (this.#state.status === 'closed' || this.#state.status === 'abandoned') return;
      await this.#sleep(RECONNECT_MS);
    }
  }

  // Events are handled one at a time, in arrival order, although opening a message is async.
  #queue: Promise<void> = Promise.resolve();
  #onEvent(kind: string, data: string): Promise<void> {
    this.#queue = this.#queue.then(() => this.#handle(kind, data)).catch(() => undefined);
    return this.#queue;
  }

  async #handle(kind: string, data: string): Promise<void> {
    if (kind === 'state') {
      this.#applyState(JSON.parse(data));
      return;
    }
    const message = JSON.parse(data) as {
      seq: number;
      clientId: string;
      author: 'child' | 'counsellor';
      sealed: string;
    };
    if (message.seq > this.#lastSeq) this.#lastSeq = message.seq;
    const known = this.#lines.find((l) => l.clientId === message.clientId);
    let text = known?.text ?? null;
    let photo = known?.photo === true;
    if (!known && this.#crypto && this.#identity) {
      try {
        const body = await this.#crypto.openJson<{ text?: unknown; items?: unknown[] }>(
          this.#crypto.fromBase64(message.sealed) as never,
          [this.#identity],
        );
        text = typeof body.text === 'string' ? body.text : null;
        photo = Array.isArray(body.items) && body.items.length > 0;
      } catch {
        text = null;
      }
    }
    this.#lines = mergeLine(this.#lines, {
      clientId: message.clientId,
      seq: message.seq,
      author: message.author,
      text,
      local: ++this.#local,
      ...(photo ? { photo } : {}),
    });
    this.#emit();
  }

  #applyState(state: { status: string; urgent?: boolean; position?: number | null }): void {
    this.#state = {
      ...this.#state,
      status: state.status as ChatState['status'],
      urgent: state.urgent === true,
      position: state.position !== undefined ? state.position : this.#state.position,
    };
    if (this.#state.status !== 'waiting') this.#state.position = null;
    this.#emit();
  }

  async #pollPosition(): Promise<void> {
    while (!this.#stopped && this.#state.status === 'waiting') {
      await this.#sleep(POSITION_POLL_MS);
      try {
        const res = await fetch(`/api/v1/chats/${this.chatId}`, { headers: this.#auth });
        if (res.ok && !this.#stopped) this.#applyState(await res.json());
      } catch {
        // The stream's own reconnect covers being offline.
      }
    }
  }

  #setConnected(connected: boolean): void {
    if (this.#state.connected === connected) return;
    this.#state = { ...this.#state, connected };
    this.#emit();
  }

  #emit(): void {
    if (!this.#stopped) this.#onChange(this.#lines, this.#state);
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        resolve();
      }, ms);
      this.#timers.add(timer);
    });
  }
}
