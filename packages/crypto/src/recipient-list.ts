import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { canonicalJson } from './canonical-json.ts';
import { fromHex, toHex, utf8 } from './encoding.ts';

/**
 * The helpline's recipient list, signed by a key the country pack names (its trust anchor), so a server
 * that is taken over cannot hand the apps a recipient of its own: the apps seal only to a list that
 * verifies. The signature covers the UTF-8 bytes of `canonicalJson(list)`; `kind` keeps it from ever
 * passing for another signed statement, `sequence` lets an app refuse an older list (rollback), and
 * `notBefore`/`notAfter` bound how long a list may be used.
 */
export interface RecipientList {
  kind: 'vangnet.recipient-list';
  version: 1;
  /** The pack's country code (NL, BE-VL): a list for one helpline never serves another. */
  country: string;
  /** Higher than every earlier list of this helpline. */
  sequence: number;
  /** age recipients (`age1…`), at least one. */
  recipients: string[];
  /** ISO 8601. */
  notBefore: string;
  notAfter: string;
}

export interface SignedRecipientList {
  list: RecipientList;
  /** Ed25519 over canonicalJson(list), hex. */
  signature: string;
  /** The anchor (Ed25519 public key, hex) that signed. */
  signedBy: string;
}

/**
 * A hand-over of the trust anchors: the keys in `from` (the anchors an installed app pinned) name the
 * keys in `to`, and one of `from` signs it. A chain of these lets an app follow a rotated anchor without
 * ever trusting a key the old anchor did not vouch for.
 */
export interface AnchorHandover {
  kind: 'vangnet.anchor-handover';
  version: 1;
  country: string;
  from: string[];
  to: string[];
}

export interface SignedAnchorHandover {
  statement: AnchorHandover;
  signature: string;
  signedBy: string;
}

export type RecipientListRefusal =
  | 'malformed'
  | 'no-anchor'
  | 'unknown-key'
  | 'bad-signature'
  | 'wrong-country'
  | 'not-yet-valid'
  | 'expired'
  | 'rollback';

export type RecipientListCheck =
  | { ok: true; list: RecipientList }
  | { ok: false; reason: RecipientListRefusal };

const HEX64 = /^[0-9a-f]{64}$/;
const RECIPIENT = /^age1[0-9a-z]{58}$/;
const MAX_RECIPIENTS = 64;

function sign(statement: object, privateKeyHex: string): { signature: string; signedBy: string } {
  const secret = fromHex(privateKeyHex);
  if (secret.length !== 32) throw new TypeError('An Ed25519 private key is 32 bytes.');
  return {
    signature: toHex(ed25519.sign(utf8(canonicalJson(statement)), secret)),
    signedBy: toHex(ed25519.getPublicKey(secret)),
  };
}

function verifies(statement: object, signatureHex: string, publicKeyHex: string): boolean {
  try {
    const signature = fromHex(signatureHex);
    const key = fromHex(publicKeyHex);
    if (signature.length !== 64 || key.length !== 32) return false;
    return ed25519.verify(signature, utf8(canonicalJson(statement)), key, { zip215: false });
  } catch {
    return false;
  }
}

export function signRecipientList(list: RecipientList, privateKeyHex: string): SignedRecipientList {
  return { list, ...sign(list, privateKeyHex) };
}

export function signAnchorHandover(statement: AnchorHandover, privateKeyHex: string): SignedAnchorHandover {
  return { statement, ...sign(statement, privateKeyHex) };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isTime = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= 40 && !Number.isNaN(Date.parse(value));

/**
 * Reads untrusted JSON as a list, keeping exactly the signed fields: an extra field would not be
 * covered by the signature the app checks, so it makes the list malformed rather than being ignored.
 */
function parseList(value: unknown): RecipientList | null {
  if (!isRecord(value)) return null;
  const keys = Object.keys(value).sort().join(',');
  if (keys !== 'country,kind,notAfter,notBefore,recipients,sequence,version') return null;
  const { kind, version, country, sequence, recipients, notBefore, notAfter } = value;
  if (kind !== 'vangnet.recipient-list' || version !== 1) return null;
  if (typeof country !== 'string' || country.length === 0 || country.length > 16) return null;
  if (typeof sequence !== 'number' || !Number.isSafeInteger(sequence) || sequence < 1) return null;
  if (!Array.isArray(recipients) || recipients.length === 0 || recipients.length > MAX_RECIPIENTS)
    return null;
  if (!recipients.every((r) => typeof r === 'string' && RECIPIENT.test(r))) return null;
  if (new Set(recipients).size !== recipients.length) return null;
  if (!isTime(notBefore) || !isTime(notAfter) || Date.parse(notAfter) <= Date.parse(notBefore)) return null;
  return { kind, version, country, sequence, recipients: [...recipients], notBefore, notAfter };
}

/**
 * Whether `signed` is a list the apps may seal to: well formed, signed by one of `anchors`, for this
 * country, valid at `now`, and not older than the newest list this app has already accepted
 * (`lastSequence`; the same sequence again is fine). Never throws: its input comes from the server.
 */
export function verifyRecipientList(
  signed: unknown,
  context: { anchors: readonly string[]; country: string; now: Date; lastSequence?: number },
): RecipientListCheck {
  if (context.anchors.length === 0) return { ok: false, reason: 'no-anchor' };
  if (!isRecord(signed)) return { ok: false, reason: 'malformed' };
  const list = parseList(signed.list);
  const { signature, signedBy } = signed;
  if (!list || typeof signature !== 'string' || typeof signedBy !== 'string') {
    return { ok: false, reason: 'malformed' };
  }
  if (!context.anchors.includes(signedBy)) return { ok: false, reason: 'unknown-key' };
  if (!verifies(list, signature, signedBy)) return { ok: false, reason: 'bad-signature' };
  if (list.country !== context.country) return { ok: false, reason: 'wrong-country' };
  const now = context.now.getTime();
  if (now < Date.parse(list.notBefore)) return { ok: false, reason: 'not-yet-valid' };
  if (now >= Date.parse(list.notAfter)) return { ok: false, reason: 'expired' };
  if (context.lastSequence !== undefined && list.sequence < context.lastSequence) {
    return { ok: false, reason: 'rollback' };
  }
  return { ok: true, list };
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

export type AnchorPinCheck =
  | { ok: true; anchors: string[]; changed: boolean }
  | { ok: false; reason: 'no-anchor' | 'changed-without-handover' };

/**
 * The pinning rule of an installed app. With nothing pinned yet it takes the pack's anchors (the first
 * visit is the one moment it has to trust the server; docs/threat-model.md). After that, other anchors
 * are accepted only through a chain of hand-overs, each signed by a key of the set before it and
 * naming it exactly in `from`, that ends at the offered set. Anything else keeps the pin and refuses.
 */
export function acceptAnchors(
  pinned: readonly string[] | null,
  offered: { anchors: readonly string[]; country: string; handovers?: readonly unknown[] },
): AnchorPinCheck {
  const anchors = offered.anchors.filter((a) => typeof a === 'string' && HEX64.test(a));
  if (anchors.length === 0 || anchors.length !== offered.anchors.length)
    return { ok: false, reason: 'no-anchor' };
  if (!pinned || pinned.length === 0) return { ok: true, anchors: [...anchors], changed: true };
  if (sameSet(pinned, anchors)) return { ok: true, anchors: [...pinned], changed: false };
  let current: readonly string[] = pinned;
  const unused = [...(offered.handovers ?? [])];
  // Each step must use a new hand-over, so the loop ends after at most `unused.length` steps.
  for (;;) {
    const index = unused.findIndex((h) => handoverFrom(h, current, offered.country));
    if (index < 0) return { ok: false, reason: 'changed-without-handover' };
    const [step] = unused.splice(index, 1);
    current = (step as SignedAnchorHandover).statement.to;
    if (sameSet(current, anchors)) return { ok: true, anchors: [...anchors], changed: true };
  }
}

function handoverFrom(value: unknown, current: readonly string[], country: string): boolean {
  if (!isRecord(value) || !isRecord(value.statement)) return false;
  const { statement, signature, signedBy } = value;
  if (typeof signature !== 'string' || typeof signedBy !== 'string') return false;
  const keys = Object.keys(statement).sort().join(',');
  if (keys !== 'country,from,kind,to,version') return false;
  const { kind, version, from, to } = statement;
  if (kind !== 'vangnet.anchor-handover' || version !== 1 || statement.country !== country) return false;
  if (!Array.isArray(from) || !Array.isArray(to) || to.length === 0) return false;
  if (![...from, ...to].every((k) => typeof k === 'string' && HEX64.test(k))) return false;
  if (!sameSet(from as string[], current) || !current.includes(signedBy)) return false;
  return verifies(statement, signature, signedBy);
}

/**
 * A short fingerprint of an anchor that people can compare by eye or read aloud: the first 80 bits of
 * SHA-256 of the key, upper-case hex in five groups of four ("3F2A 91C0 77DE 1B42 0A9C").
 */
export function anchorFingerprint(publicKeyHex: string): string {
  const hex = toHex(sha256(fromHex(publicKeyHex)).slice(0, 10)).toUpperCase();
  return hex.match(/.{4}/g)!.join(' ');
}
