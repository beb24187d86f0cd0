import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { type TarEntry, verifyBundle } from '@vangnet/core/bundle/index';
import { type ServerReceipt, verifyCountersignature } from '@vangnet/crypto';

/**
 * `vangnet verify <bundle.tar | unpacked folder> [--key <server public key hex>] [--json]`
 * Checks an evidence bundle offline (packages/core/src/bundle/README.md): every item against the
 * manifest, the server's countersignature, the sealed files against the receipt, and the audit chain.
 * Prints OK, or one line per problem naming the item or file; exit 1 on any problem, 2 on bad usage.
 */
const USAGE = 'usage: vangnet verify <bundle.tar | folder> [--key <server public key hex>] [--json]';

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
  let asJson = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--key') key = args[++i];
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
  if (!path || (key !== undefined && !/^[0-9a-fA-F]{64}$/.test(key))) {
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
  for (const id of result.changedItems) console.log(`CHANGED item ${id}`);
  for (const p of result.problems) console.log(`FAIL ${p.code}: ${p.message}`);
  console.log(result.ok ? 'OK' : `NOT OK: ${result.problems.length} problem(s)`);
  return result.ok ? 0 : 1;
}
