import { createDecipheriv, createECDH, createPublicKey, hkdfSync, randomBytes, verify } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A push service on loopback, playing the browser vendor's part AND the browser's: it hands out
 * subscriptions (a fresh P-256 key pair and auth secret per subscription, as a browser makes them),
 * checks each push's VAPID JWT (RFC 8292: ES256 over the `k` key, audience = this origin, expiry
 * within 24 hours) and decrypts the aes128gcm payload (RFC 8188 + RFC 8291) with the subscription's
 * private key, using node:crypto only. Nothing here is a mock: a server that sent a wrong key, a wrong
 * JWT or a differently encrypted body fails the check.
 */
export type ReceivedPush = {
  subscriptionId: string;
  headers: IncomingHttpHeaders;
  /** The body as sent (ciphertext). */
  raw: Buffer;
  /** The decrypted payload. */
  plaintext: string;
  /** The VAPID JWT's claims, after its signature checked out. */
  claims: { aud: string; exp: number; sub: string };
  vapidKey: string;
};

type Sub = { ecdh: ReturnType<typeof createECDH>; auth: Buffer };

export class PushReceiver {
  readonly received: ReceivedPush[] = [];
  /** Checks that failed (wrong JWT, undecryptable body): a test asserts this stays empty. */
  readonly rejected: string[] = [];
  /** Status to answer with, per subscription (410: "gone", as when the browser dropped it). */
  readonly answer = new Map<string, number>();
  private readonly subs = new Map<string, Sub>();
  private server?: Server;
  origin = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const id = /^\/push\/([0-9a-f]+)$/.exec(req.url ?? '')?.[1];
        const sub = id ? this.subs.get(id) : undefined;
        if (req.method !== 'POST' || !id || !sub) {
          res.writeHead(404).end();
          return;
        }
        try {
          const raw = Buffer.concat(chunks);
          const { claims, vapidKey } = checkVapid(req.headers, this.origin);
          if (req.headers['content-encoding'] !== 'aes128gcm') throw new Error('not aes128gcm');
          if (!/^\d+$/.test(String(req.headers.ttl ?? ''))) throw new Error('no TTL');
          const plaintext = decryptAes128gcm(raw, sub.ecdh, sub.auth).toString('utf8');
          this.received.push({ subscriptionId: id, headers: req.headers, raw, plaintext, claims, vapidKey });
          res.writeHead(this.answer.get(id) ?? 201).end();
        } catch (error) {
          this.rejected.push(error instanceof Error ? error.message : String(error));
          res.writeHead(400).end();
        }
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise((r) => (this.server ? this.server.close(r) : r(undefined)));
  }

  /** What `PushSubscription.toJSON()` gives in a browser: endpoint, p256dh, auth. */
  subscribe(): { id: string; endpoint: string; keys: { p256dh: string; auth: string } } {
    const id = randomBytes(8).toString('hex');
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const auth = randomBytes(16);
    this.subs.set(id, { ecdh, auth });
    return {
      id,
      endpoint: `${this.origin}/push/${id}`,
      keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
    };
  }

  for(subscriptionId: string): ReceivedPush[] {
    return this.received.filter((p) => p.subscriptionId === subscriptionId);
  }
}

/** RFC 8292: `Authorization: vapid t=<JWT>, k=<P-256 public key>`; the JWT is ES256 over `k`. */
function checkVapid(
  headers: IncomingHttpHeaders,
  origin: string,
): { claims: ReceivedPush['claims']; vapidKey: string } {
  const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(headers.authorization ?? '');
  if (!match) throw new Error('no vapid authorization');
  const [, jwt, k] = match as unknown as [string, string, string];
  const [h, p, s] = jwt.split('.') as [string, string, string];
  const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as { alg: string };
  if (header.alg !== 'ES256') throw new Error('vapid alg is not ES256');
  const point = Buffer.from(k, 'base64url');
  if (point.length !== 65 || point[0] !== 4) throw new Error('vapid k is not an uncompressed P-256 point');
  const key = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33).toString('base64url'),
    },
    format: 'jwk',
  });
  const ok = verify(
    'sha256',
    Buffer.from(`${h}.${p}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(s, 'base64url'),
  );
  if (!ok) throw new Error('vapid signature does not verify');
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as ReceivedPush['claims'];
  if (claims.aud !== origin) throw new Error(`vapid aud ${claims.aud} is not ${origin}`);
  const now = Math.floor(Date.now() / 1000);
  if (!(claims.exp > now && claims.exp <= now + 24 * 3600)) throw new Error('vapid exp out of range');
  if (!/^(mailto:|https:\/\/)/.test(claims.sub ?? '')) throw new Error('vapid sub missing');
  return { claims, vapidKey: k };
}

/**
 * RFC 8291 §3.4 + RFC 8188: header = salt(16) ‖ rs(4) ‖ idlen(1) ‖ keyid (the sender's public key);
 * IKM = HKDF(auth, ECDH(ua, as), "WebPush: info\0" ‖ ua_public ‖ as_public, 32); CEK and nonce from
 * HKDF(salt, IKM, …); each record AES-128-GCM, the last one padded with 0x02 then zeros.
 */
export function decryptAes128gcm(body: Buffer, ua: ReturnType<typeof createECDH>, auth: Buffer): Buffer {
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20]!;
  const asPublic = body.subarray(21, 21 + idlen);
  if (idlen !== 65) throw new Error('keyid is not a P-256 public key');
  const records = body.subarray(21 + idlen);
  const shared = ua.computeSecret(asPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), ua.getPublicKey(), asPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', shared, auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const baseNonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const out: Buffer[] = [];
  for (let i = 0, at = 0; at < records.length; i++, at += rs) {
    const record = records.subarray(at, Math.min(at + rs, records.length));
    const nonce = Buffer.from(baseNonce);
    // The sequence number XORed into the nonce; a payload this size has far fewer than 2^32 records.
    nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ i) >>> 0, 8);
    const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
    decipher.setAuthTag(record.subarray(record.length - 16));
    const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
    let end = padded.length - 1;
    while (end >= 0 && padded[end] === 0) end--;
    const last = at + rs >= records.length;
    if (padded[end] !== (last ? 2 : 1)) throw new Error('bad record padding delimiter');
    out.push(padded.subarray(0, end));
  }
  return Buffer.concat(out);
}
