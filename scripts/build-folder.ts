import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { shellTemplate } from '@vangnet/core/pack/shell-template';
import {
  type BuildAsset,
  type BuildList,
  parseSignedBuildList,
  type SignedBuildList,
  sha256Hex,
  signBuildList,
} from '@vangnet/crypto';

/** Where a build keeps its signed list, beside index.html; the server publishes it (GET /api/v1/builds). */
export const BUILD_LIST_FILE = 'build-list.json';

/** Not part of what a browser runs: compressed copies (checked on their own) and the list itself. */
function isListed(name: string): boolean {
  return !/\.(br|gz)$/.test(name) && !name.startsWith(`${BUILD_LIST_FILE}`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * The bytes a browser gets for a file, as the list hashes them: an index.html as its template
 * (packages/core/src/pack/shell-template.ts), because the server writes the pack's crisis lines into it.
 */
export function listedBytes(name: string, bytes: Uint8Array): Uint8Array {
  if (!name.endsWith('index.html')) return bytes;
  return new TextEncoder().encode(shellTemplate(new TextDecoder().decode(bytes)));
}

/** Every file of a built app as its URL path under `base` ('/' or '/console/') with its SHA-256. */
export function hashBuildFolder(folder: string, base: string): BuildAsset[] {
  return filesUnder(folder)
    .map((file) => relative(folder, file).split(sep).join('/'))
    .filter(isListed)
    .sort()
    .map((name) => ({
      path: `${base}${name}`,
      sha256: sha256Hex(listedBytes(name, readFileSync(join(folder, name)))),
    }));
}

/** The `.br` / `.gz` copies the server sends instead of a file that do not unpack to that file. */
export function compressedCopyMismatches(folder: string): string[] {
  const bad: string[] = [];
  for (const file of filesUnder(folder)) {
    const match = /^(.*)\.(br|gz)$/.exec(file);
    if (!match?.[1] || !existsSync(match[1])) continue;
    const unpacked =
      match[2] === 'br' ? brotliDecompressSync(readFileSync(file)) : gunzipSync(readFileSync(file));
    if (!unpacked.equals(readFileSync(match[1]))) bad.push(relative(folder, file).split(sep).join('/'));
  }
  return bad;
}

export function readBuildList(folder: string): SignedBuildList | null {
  const path = join(folder, BUILD_LIST_FILE);
  if (!existsSync(path)) return null;
  try {
    return parseSignedBuildList(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return null;
  }
}

/** Hashes the folder, signs the list and writes it (dropping stale compressed copies of the list). */
export function signBuildFolder(
  folder: string,
  about: { app: string; appVersion: string; base: string; issuedAt: string },
  privateKeyHex: string,
): SignedBuildList {
  const assets = Object.fromEntries(hashBuildFolder(folder, about.base).map((a) => [a.path, a.sha256 ?? '']));
  const list: BuildList = {
    kind: 'vangnet-build-list',
    version: 1,
    app: about.app,
    appVersion: about.appVersion,
    issuedAt: about.issuedAt,
    assets,
  };
  const signed = signBuildList(list, privateKeyHex);
  writeFileSync(join(folder, BUILD_LIST_FILE), `${JSON.stringify(signed, null, 2)}\n`);
  for (const ext of ['br', 'gz']) rmSync(join(folder, `${BUILD_LIST_FILE}.${ext}`), { force: true });
  return signed;
}
