/**
 * `npx vangnet <command>`: one entry point for administrators and auditors. Each command lives in
 * its own file under commands/ and is loaded only when called, so `vangnet pdq` does not pay for
 * the server's dependencies.
 */
type Command = { summary: string; load: () => Promise<{ run: (args: string[]) => Promise<number> }> };

const commands: Record<string, Command> = {
  pdq: { summary: 'hash images with PDQ: <hash> <quality> <path>', load: () => import('./commands/pdq.ts') },
  pack: { summary: 'pack check <folder>: validate a country pack', load: () => import('./commands/pack.ts') },
  verify: {
    summary: 'verify <bundle>: check an evidence export offline',
    load: () => import('./commands/verify.ts'),
  },
  'verify-audit': {
    summary: 'check the whole audit hash chain and name the first broken link',
    load: () => import('./commands/verify-audit.ts'),
  },
  hashes: {
    summary: 'hashes import|list: known-image hash lists (CSV of pdq/md5)',
    load: () => import('./commands/hashes.ts'),
  },
  totp: {
    summary: 'totp <secret>: print the current sign-in code (demo use)',
    load: () => import('./commands/totp.ts'),
  },
};

function usage(): void {
  console.log('usage: vangnet <command> [args]\n');
  for (const [name, c] of Object.entries(commands)) console.log(`  ${name.padEnd(14)} ${c.summary}`);
}

const [commandName, ...args] = process.argv.slice(2);
const command = commandName ? commands[commandName] : undefined;
if (!command) {
  usage();
  process.exitCode = commandName && commandName !== '--help' ? 2 : 0;
} else {
  const module = await command.load();
  process.exitCode = await module.run(args);
}

export {};
