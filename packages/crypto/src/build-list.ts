import { ed25519 } from '@noble/curves/ed25519.js';
import { canonicalJson } from './canonical-json.ts';
import { fromHex, toHex, utf8 } from './encoding.ts';

/**
 * The list of one app build: every file it is made of, by path, with its SHA-256. The release key
 * signs it outside the server (`vangnet sign-build`), the server only publishes it (GET /api/v1/builds),
 * and the reporter app's service worker checks an update against it before it caches anything.
 * `issuedAt` orders builds, so an older signed build cannot be served again as an update (rollback).
 */
export interface BuildList {
  kind: 'vangnet-build-list';
  version: 1;
  /** Which app: 'report' or 'console'. */
  app: string;
  appVersion: string;
  /** ISO 8601 time the build was signed. */
  issuedAt: string;
  /** URL path (with the app's base, e.g. `/assets/index-Bx3.js`) → lower-case hex SHA-256. */
  assets: Record<string, string>;
}

export interface SignedBuildList {
  list: BuildList;
  /** Ed25519 over the UTF-8 bytes of `canonicalJson(list)`, hex. */
  signature: string;
  /** The key that signed, hex: for people to compare; a verifier uses the key it already trusts. */
  publicKey: string;
}

/** One file of an update as the verifier got it: its hash, or null when it could not be fetched. */
export interface BuildAsset {
  path: string;
  sha256: string | null;
}

export type BuildRefusal =
  | { code: 'bad-signature' }
  | { code: 'rollback'; issuedAt: string; installedAt: string }
  | { code: 'tampered'; path: string }
  | { code: 'not-listed'; path: string }
  | { code: 'missing'; path: string };

const HEX64 = /^[0-9a-f]{64}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

export function signBuildList(list: BuildList, privateKeyHex: string): SignedBuildList {
  const secret = fromHex(privateKeyHex);
  if (secret.length !== 32) throw new TypeError('An Ed25519 private key is 32 bytes.');
  return {
    list,
    signature: toHex(ed25519.sign(utf8(canonicalJson(list)), secret)),
    publicKey: toHex(ed25519.getPublicKey(secret)),
  };
}

/** Whether `releaseKeyHex` signed exactly this list. False (never throws) for malformed input. */
export function verifyBuildListSignature(signed: SignedBuildList, releaseKeyHex: string): boolean {
  try {
    const signature = fromHex(signed.signature);
    const key = fromHex(releaseKeyHex);
    if (signature.length !== 64 || key.length !== 32) return false;
    return ed25519.verify(signature, utf8(canonicalJson(signed.list)), key, { zip215: false });
  } catch {
    return false;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A signed build list from untrusted JSON (the network, a file), or null when it is not one. Hand
 * written rather than a schema library, because the service worker carries it and stays small.
 */
export function parseSignedBuildList(value: unknown): SignedBuildList | null {
  if (!isRecord(value) || !isRecord(value.list)) return null;
  const { list, signature, publicKey } = value;
  if (typeof signature !== 'string' || !/^[0-9a-f]{128}$/.test(signature)) return null;
  if (typeof publicKey !== 'string' || !HEX64.test(publicKey)) return null;
  const { kind, version, app, appVersion, issuedAt, assets } = list;
  if (kind !== 'vangnet-build-list' || version !== 1) return null;
  if (typeof app !== 'string' || typeof appVersion !== 'string') return null;
  if (typeof issuedAt !== 'string' || !ISO_TIME.test(issuedAt)) return null;
  if (!isRecord(assets)) return null;
  const checked: Record<string, string> = {};
  for (const [path, hash] of Object.entries(assets)) {
    if (!path.startsWith('/') || typeof hash !== 'string' || !HEX64.test(hash)) return null;
    checked[path] = hash;
  }
  if (Object.keys(list).length !== 6) return null;
  return {
    list: { kind, version, app, appVersion, issuedAt, assets: checked },
    signature,
    publicKey,
  };
}

/**
 * Whether an update may be taken: null when it may, else the first reason it may not. In order: the
 * list must be signed by the release key the checker trusts; it must not be older than the build
 * already installed (ISO times in UTC compare as text); every asset about to be used must be listed
 * with exactly the hash it has, and must have arrived. With `complete` (a whole build folder rather
 * than what a service worker caches), every listed asset must also be there.
 */
export function checkBuild(input: {
  signed: SignedBuildList;
  releaseKey: string;
  installedIssuedAt: string | null;
  assets: readonly BuildAsset[];
  complete?: boolean;
}): BuildRefusal | null {
  const { signed, releaseKey, installedIssuedAt, assets } = input;
  if (!verifyBuildListSignature(signed, releaseKey)) return { code: 'bad-signature' };
  const { issuedAt } = signed.list;
  if (installedIssuedAt !== null && issuedAt < installedIssuedAt) {
    return { code: 'rollback', issuedAt, installedAt: installedIssuedAt };
  }
  const listed = new Map(Object.entries(signed.list.assets));
  for (const asset of assets) {
    const expected = listed.get(asset.path);
    if (expected === undefined) return { code: 'not-listed', path: asset.path };
    if (asset.sha256 === null) return { code: 'missing', path: asset.path };
    if (asset.sha256 !== expected) return { code: 'tampered', path: asset.path };
  }
  if (input.complete) {
    const present = new Set(assets.map((a) => a.path));
    for (const path of listed.keys()) if (!present.has(path)) return { code: 'missing', path };
  }
  return null;
}

/** One line for a person, naming the asset (CLI output, the service worker's console). */
export function describeBuildRefusal(refusal: BuildRefusal): string {
  switch (refusal.code) {
    case 'bad-signature':
      return 'the build list is not signed by the trusted release key';
    case 'rollback':
      return `the build list (${refusal.issuedAt}) is older than the installed build (${refusal.installedAt})`;
    case 'tampered':
      return `${refusal.path} differs from the signed build list`;
    case 'not-listed':
      return `${refusal.path} is not in the signed build list`;
    case 'missing':
      return `${refusal.path} is in the signed build list but missing`;
  }
}
