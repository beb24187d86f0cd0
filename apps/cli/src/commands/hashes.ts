import { readFile } from 'node:fs/promises';
import { HashCsvError } from '@vangnet/server/known-hashes/hash-csv';
import {
  importKnownHashList,
  listKnownHashLists,
  SOURCE_LABEL,
} from '@vangnet/server/known-hashes/import-list';
import { helplineOfCountry } from '@vangnet/server/services/helpline';
import { openCliDatabase } from '../open-cli-database.ts';

/**
 * `vangnet hashes import --source <label> --country <code> <file.csv> [--database-url URL | --data-dir DIR]`
 * imports a known-image hash list as the next version of that source for the helpline that serves the
 * country on this database (the one the server uses; created if there is none yet). The previous one
 * is kept but no longer matched; `vangnet hashes list --country <code> [...]` shows every version. Without a
 * database option it uses DATABASE_URL, else DATA_DIR, else ./data, like the server. Exit 0 when done,
 * 1 when the file has bad lines (each named; nothing is stored), 2 for usage or database errors.
 */
export const USAGE = [
  'usage: vangnet hashes import --source <label> --country <code> <file.csv> [--database-url URL | --data-dir DIR]',
  '       vangnet hashes list --country <code> [--database-url URL | --data-dir DIR]',
].join('\n');

const VALUE_FLAGS = ['--source', '--country', '--database-url', '--data-dir', '--schema'];
const COUNTRY = /^[A-Z]{2}(-[A-Z]{2,3})?$/;

function usage(message?: string): number {
  if (message) console.error(`vangnet hashes: ${message}`);
  console.error(USAGE);
  return 2;
}

function parseArgs(args: string[]): { options: Map<string, string>; files: string[] } | string {
  const options = new Map<string, string>();
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (VALUE_FLAGS.includes(arg)) {
      const value = args[++i];
      if (value === undefined) return `${arg} needs a value`;
      options.set(arg, value);
    } else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else files.push(arg);
  }
  return { options, files };
}

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'import' && sub !== 'list') return usage();
  const parsed = parseArgs(rest);
  if (typeof parsed === 'string') return usage(parsed);
  const { options, files } = parsed;
  const country = options.get('--country');
  if (!country || !COUNTRY.test(country)) return usage('--country is a country code such as NL or BE-VL');
  if (options.has('--database-url') && options.has('--data-dir')) return usage('give one database');
  let csv = '';
  if (sub === 'import') {
    const source = options.get('--source');
    if (!source || !SOURCE_LABEL.test(source)) {
      return usage('--source is a short label: a-z, 0-9, dot, dash, underscore');
    }
    if (files.length !== 1) return usage('give one CSV file');
    try {
      csv = await readFile(files[0]!, 'utf8');
    } catch {
      console.error(`vangnet hashes: cannot read ${files[0]}`);
      return 2;
    }
  } else if (files.length) return usage();

  const opened = await openCliDatabase('hashes', options);
  if (!opened) return 2;
  try {
    const helplineId = await helplineOfCountry(opened.db, country);
    if (sub === 'list') {
      for (const l of await listKnownHashLists(opened.db, helplineId)) {
        console.log(
          `${l.source}\tv${l.version}\t${l.count}\t${l.active ? 'active' : 'replaced'}\t${l.importedAt}\t${l.id}`,
        );
      }
      return 0;
    }
    const result = await importKnownHashList(opened.db, {
      helplineId,
      country,
      source: options.get('--source')!,
      importedBy: 'cli',
      csv,
    });
    console.log(
      `imported ${result.count} hashes as ${result.source} version ${result.version} for ${country} (list ${result.listId})` +
        (result.replaced ? '; the previous version is no longer matched' : ''),
    );
    return 0;
  } catch (error) {
    if (!(error instanceof HashCsvError)) throw error;
    for (const p of error.problems) console.error(`${files[0]}: line ${p.line}: ${p.message}`);
    console.error('vangnet hashes: nothing was imported');
    return 1;
  } finally {
    await opened.close();
  }
}
