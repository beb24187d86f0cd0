import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { checkBuild, describeBuildRefusal } from '@vangnet/crypto';
import { parse } from 'yaml';
import {
  BUILD_LIST_FILE,
  compressedCopyMismatches,
  hashBuildFolder,
  readBuildList,
} from '../../../../scripts/build-folder.ts';

/**
 * `vangnet verify-build <folder> [--key HEX | --pack FOLDER]`: checks a built app (apps/report/dist,
 * or a copy taken from a server) against its signed build list: the signature against the release key,
 * every file against its hash, no file that the list does not name and none that it names missing, and
 * every compressed copy (.br/.gz, what the server actually sends) against its file.
 * Exit 0 when all holds, 1 naming the first file that does not, 2 on bad usage.
 */
export const USAGE = [
  'usage: vangnet verify-build <folder> [--key HEX | --pack FOLDER]',
  '  --key   the release public key (hex) to check the signature against',
  '  --pack  a country pack folder: its pack.yaml releaseKey is the key',
  '          without either, the key the list names is used and printed, to compare',
].join('\n');

function packReleaseKey(folder: string): string | undefined {
  const meta = parse(readFileSync(join(folder, 'pack.yaml'), 'utf8')) as { releaseKey?: unknown };
  return typeof meta.releaseKey === 'string' ? meta.releaseKey : undefined;
}

export async function run(args: string[]): Promise<number> {
  let folder: string | undefined;
  let key: string | undefined;
  let pack: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--key') key = args[++i] ?? '';
    else if (arg === '--pack') pack = args[++i] ?? '';
    else if (!folder && !arg.startsWith('--')) folder = arg;
    else {
      console.error(USAGE);
      return 2;
    }
  }
  if (!folder || (key !== undefined && !/^[0-9a-f]{64}$/.test(key)) || pack === '' || (key && pack)) {
    console.error(USAGE);
    return 2;
  }
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    console.error(`vangnet verify-build: ${folder} is not a folder`);
    return 2;
  }
  if (pack !== undefined) {
    try {
      key = packReleaseKey(pack);
    } catch {
      console.error(`vangnet verify-build: cannot read ${join(pack, 'pack.yaml')}`);
      return 2;
    }
    if (!key) {
      console.log(`NOT OK: ${join(pack, 'pack.yaml')} names no releaseKey`);
      return 1;
    }
  }
  const signed = readBuildList(folder);
  if (!signed) {
    console.log(`NOT OK: ${join(folder, BUILD_LIST_FILE)} is missing or not a signed build list`);
    return 1;
  }
  const base = Object.keys(signed.list.assets)
    .find((p) => p.endsWith('/index.html'))
    ?.slice(0, -'index.html'.length);
  const assets = hashBuildFolder(folder, base ?? '/');
  const releaseKey = key ?? signed.publicKey;
  const refusal = checkBuild({ signed, releaseKey, installedIssuedAt: null, assets, complete: true });
  const { app, appVersion, issuedAt } = signed.list;
  console.log(`${app} ${appVersion}, signed ${issuedAt}, ${assets.length} files`);
  if (!key)
    console.log(
      `release key ${releaseKey} (named by the list itself: compare it with the pack's releaseKey)`,
    );
  if (refusal) {
    console.log(`NOT OK: ${describeBuildRefusal(refusal)}`);
    return 1;
  }
  const badCopies = compressedCopyMismatches(folder);
  if (badCopies.length) {
    console.log(`NOT OK: ${badCopies[0]} does not unpack to the file it stands for`);
    return 1;
  }
  console.log('OK');
  return 0;
}
