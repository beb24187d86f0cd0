/**
 * `npx vangnet <command>`: one entry point for administrators and auditors. Each command lives in
 * its own file under commands/ and is loaded only when called, so `vangnet pdq` does not pay for
 * the server's dependencies. Every command exports its `USAGE`; `--help` / `-h` anywhere after the
 * command prints it on stdout and exits 0, the same for all commands (asking for help is not an error).
 */
type Command = {
  summary: string;
  load: () => Promise<{ USAGE: string; run: (args: string[]) => Promise<number> }>;
};

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
  'sign-build': {
    summary: 'sign-build <folder> --key <file>: sign a built app with the release key',
    load: () => import('./commands/sign-build.ts'),
  },
  'verify-build': {
    summary: 'verify-build <folder>: check a built app against its signed build list',
    load: () => import('./commands/verify-build.ts'),
  },
  hashes: {
    summary: 'hashes import|list: known-image hash lists (CSV of pdq/md5)',
    load: () => import('./commands/hashes.ts'),
  },
  anchor: {
    summary: "anchor keygen|sign-list: the helpline's trust anchor and its signed recipient list",
    load: () => import('./commands/anchor.ts'),
  },
  stats: {
    summary: 'stats merge <a.json> <b.json>: add up public statistics of several instances',
    load: () => import('./commands/stats.ts'),
  },
  totp: {
    summary: 'totp <secret>: print the current sign-in code (demo use)',
    load: () => import('./commands/totp.ts'),
  },
};

/** Narrow enough for an 80-column terminal, where a full-width line would wrap into the next one. */
const WIDTH = 78;
const NAME_COLUMN = 16;

/** One command per line; a long summary continues on its own indented lines instead of wrapping. */
function overviewLines(): string[] {
  const lines = ['usage: vangnet <command> [args]   (vangnet <command> --help for its options)', ''];
  for (const [name, c] of Object.entries(commands)) {
    let line = `  ${name.padEnd(NAME_COLUMN - 2)}`;
    for (const word of c.summary.split(' ')) {
      if (line.length + 1 + word.length > WIDTH && line.trim() !== name) {
        lines.push(line);
        line = ' '.repeat(NAME_COLUMN - 1);
      }
      line += ` ${word}`;
    }
    lines.push(line);
  }
  return lines;
}

const HELP = ['--help', '-h'];
const [commandName, ...args] = process.argv.slice(2);
const command = commandName ? commands[commandName] : undefined;
if (!command) {
  for (const line of overviewLines()) console.log(line);
  process.exitCode = commandName && !HELP.includes(commandName) && commandName !== 'help' ? 2 : 0;
} else {
  const module = await command.load();
  if (args.some((a) => HELP.includes(a))) {
    console.log(module.USAGE);
    process.exitCode = 0;
  } else process.exitCode = await module.run(args);
}

export {};
