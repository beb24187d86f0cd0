import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import {
  BUNDLE_PATHS,
  type BundleProblem,
  compareSealedBody,
  readTar,
  type TarEntry,
  verifyBundle,
} from '@vangnet/core/bundle/index';
import { type AgeIdentity, open, type ServerReceipt, verifyCountersignature } from '@vangnet/crypto';

/**
 * `vangnet verify <bundle.tar | unpacked folder> [--server-key <hex>] [--identity <file>] [--json]`
 * Checks an evidence bundle offline (packages/core/src/bundle/README.md): the server's signature over
 * bundle.json, every file against it and SHA256SUMS, every item against the manifest, the server's
 * countersignature, the sealed files against the receipt, and the audit extract and checkpoint.
 * With `--identity` (a file holding the helpline's AGE-SECRET-KEY), it also opens sealed/body.age and
 * checks that report.json is what the reporter sealed: the one link that needs a key.
 * Prints OK, or one line per problem naming the item or file; exit 1 on any problem, 2 on bad usage.
 */
export const USAGE = [
  'usage: vangnet verify <bundle.tar | folder> [--server-key HEX] [--identity FILE] [--json]',
  "  --server-key  the helpline server's Ed25519 public key (hex, GET /api/v1/config serverPublicKey);",
  '                without it, verify prints the key the bundle was signed with, to compare (alias --key)',
  '  --identity    a file with the helpline AGE-SECRET-KEY: also checks report.json against the sealed body',
  '  --json        the full result as JSON',
].join('\n');

async function checkSealedBody(entries: readonly TarEntry[], identityFile: string): Promise<BundleProblem[]> {
  const text = await readFile(identityFile, 'utf8').catch(() => '');
  const identities = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('AGE-SECRET-KEY-')) as AgeIdentity[];
  const sealed = entries.find((e) => e.path === BUNDLE_PATHS.sealedBody);
  const report = entries.find((e) => e.path === BUNDLE_PATHS.report);
  const fail = (message: string): BundleProblem[] => [
    { code: 'report.sealed-unopenable', subject: BUNDLE_PATHS.sealedBody, message },
  ];
  if (!identities.length) return fail('the identity file holds no AGE-SECRET-KEY');
  if (!sealed || !report) return fail('sealed/body.age or report.json is missing');
  try {
    const opened = JSON.parse(new TextDecoder().decode(await open(sealed.bytes, identities)));
    return compareSealedBody(JSON.parse(new TextDecoder().decode(report.bytes)), opened);
  } catch {
    return fail('sealed/body.age does not open with this identity');
  }
}

async function readFolder(root: string): Promise<TarEntry[]> {
  const entries: TarEntry[] = [];
  async function walk(dir: string): Promise<void> {
    for (const d of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, d.name);
      if (d.isDirectory()) await walk(full);
      else if (d.isFile()) {
        entries.push({ path: relative(root, full).split(sep).join('/'), bytes: await readFile(full) });
      }
    }
  }
  await walk(root);
  return entries;
}

export async function run(args: string[]): Promise<number> {
  let path: string | undefined;
  let key: string | undefined;
  let identityFile: string | undefined;
  let asJson = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--key' || arg === '--server-key') key = args[++i];
    else if (arg === '--identity') identityFile = args[++i] ?? '';
    else if (arg === '--json') asJson = true;
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      return 0;
    } else if (!path && !arg.startsWith('--')) path = arg;
    else {
      console.error(USAGE);
      return 2;
    }
  }
  if (!path || (key !== undefined && !/^[0-9a-fA-F]{64}$/.test(key)) || identityFile === '') {
    console.error(USAGE);
    return 2;
  }
  let input: Uint8Array | TarEntry[];
  try {
    input = (await stat(path)).isDirectory() ? await readFolder(path) : new Uint8Array(await readFile(path));
  } catch (error) {
    console.error(`vangnet verify: cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    return 2;
  }
  const result = verifyBundle(
    input,
    {
      verifySignature: (receipt, signature, publicKey) =>
        verifyCountersignature(receipt as ServerReceipt, signature, publicKey),
    },
    key ? { trustedServerKey: key } : {},
  );
  if (identityFile !== undefined) {
    let entries: readonly TarEntry[] = [];
    try {
      entries = input instanceof Uint8Array ? readTar(input) : input;
    } catch {
      // Already reported as bundle.unreadable.
    }
    const extra = await checkSealedBody(entries, identityFile);
    result.problems.push(...extra);
    result.ok = result.problems.length === 0;
  }

  if (asJson) {
    console.log(JSON.stringify(result, null, 2));
    return result.ok ? 0 : 1;
  }
  if (result.caseId) {
    const { items, files, auditRecords } = result.checked;
    console.log(`case ${result.caseId}: ${items} items, ${files} files, ${auditRecords} audit records`);
  }
  if (result.serverPublicKey) {
    const pinned = key ? 'the key you gave' : "compare it with the helpline's published key";
    console.log(`server key ${result.serverPublicKey} (${pinned})`);
  }
  if (result.auditCheckpoint) {
    const { seq, at } = result.auditCheckpoint;
    console.log(
      `audit chain head at export: seq ${seq}, signed ${at} (vangnet verify-audit shows the chain still holds it)`,
    );
  }
  for (const id of result.changedItems) console.log(`CHANGED item ${id}`);
  for (const p of result.problems) console.log(`FAIL ${p.code}: ${p.message}`);
  console.log(result.ok ? 'OK' : `NOT OK: ${result.problems.length} problem(s)`);
  return result.ok ? 0 : 1;
}
