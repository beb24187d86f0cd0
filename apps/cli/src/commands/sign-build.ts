import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSigningKey, signingPublicKey } from '@vangnet/crypto';
import { BUILD_LIST_FILE, readBuildList, signBuildFolder } from '../../../../scripts/build-folder.ts';

/**
 * `vangnet sign-build <folder> --key FILE`: hashes every file of a built app and signs the list with the
 * helpline's release key, on the release manager's machine — never on the server, which only publishes
 * the result. `--new-key FILE` makes a release key: the private half goes into FILE (mode 600), the public
 * half is printed for pack.yaml `releaseKey`.
 */
export const USAGE = [
  'usage: vangnet sign-build <folder> --key FILE',
  '       vangnet sign-build --new-key FILE',
  '  --key      a file holding the Ed25519 release private key (64 hex digits)',
  '  --new-key  make a release key: private half into FILE (mode 600), public half printed',
].join('\n');

export async function run(args: string[]): Promise<number> {
  if (args[0] === '--new-key' && args[1] && args.length === 2) {
    if (existsSync(args[1])) {
      console.error(`vangnet sign-build: ${args[1]} exists; not overwriting a key`);
      return 2;
    }
    const { privateKey, publicKey } = generateSigningKey();
    writeFileSync(args[1], `${privateKey}\n`, { mode: 0o600 });
    chmodSync(args[1], 0o600);
    console.log(`release key written to ${args[1]}; keep it off the server.`);
    console.log(`pack.yaml:\nreleaseKey: ${publicKey}`);
    return 0;
  }
  const [folder, flag, keyFile] = args;
  if (!folder || flag !== '--key' || !keyFile || args.length !== 3) {
    console.error(USAGE);
    return 2;
  }
  let privateKey: string;
  try {
    privateKey = readFileSync(keyFile, 'utf8').trim();
  } catch {
    console.error(`vangnet sign-build: cannot read ${keyFile}`);
    return 2;
  }
  if (!/^[0-9a-f]{64}$/.test(privateKey)) {
    console.error(`vangnet sign-build: ${keyFile} does not hold an Ed25519 private key (64 hex digits)`);
    return 2;
  }
  const previous = readBuildList(folder);
  if (!previous) {
    console.error(
      `vangnet sign-build: ${join(folder, BUILD_LIST_FILE)} is missing: build the app first (vite build)`,
    );
    return 2;
  }
  const index = Object.keys(previous.list.assets).find((p) => p.endsWith('/index.html')) ?? '/index.html';
  const signed = signBuildFolder(
    folder,
    {
      app: previous.list.app,
      appVersion: previous.list.appVersion,
      base: index.slice(0, -'index.html'.length),
      issuedAt: new Date().toISOString(),
    },
    privateKey,
  );
  console.log(
    `${signed.list.app} ${signed.list.appVersion}: ${Object.keys(signed.list.assets).length} files signed by ${signingPublicKey(privateKey)}`,
  );
  return 0;
}
