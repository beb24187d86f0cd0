import { resolve } from 'node:path';
import { describeReview, findUnroutedCombinations, formatProblem, packJsonSchemas } from '@vangnet/core';
import { inspectCountryPack } from '@vangnet/server/country-pack/load';

export const USAGE = `usage: vangnet pack check <folder>   validate a country pack; exit 0 when it has no errors
       vangnet pack schema           print the JSON Schema of the pack files`;

/** `vangnet pack …`: what an administrator runs after editing a pack, before starting the server with it. */
export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'check' && rest.length === 1 && rest[0]) return check(rest[0]);
  if (sub === 'schema' && rest.length === 0) {
    console.log(JSON.stringify(packJsonSchemas(), null, 2));
    return 0;
  }
  console.error(USAGE);
  return 2;
}

async function check(folder: string): Promise<number> {
  const dir = resolve(folder);
  const { pack, problems, review } = await inspectCountryPack(dir);
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  for (const p of errors) console.log(formatProblem(p));
  if (warnings.length > 0) {
    console.log(`\nTo confirm (${warnings.length} unverified or unused details, shown to administrators):`);
    for (const p of warnings) console.log(`warning: ${formatProblem(p)}`);
  }
  if (errors.length > 0 || !pack) {
    console.log(`\n${folder}: ${errors.length} error(s); the server will not start with this pack.`);
    return 1;
  }
  // A notice, not an error: an unreviewed translation is shown (better than the wrong language).
  if (
    review?.some(
      (r) => r.app?.unreviewed || r.console?.unreviewed || r.texts?.unreviewed || r.pages?.unreviewed,
    )
  ) {
    console.log(
      '\nUnreviewed translations (shown as they are until someone reviews them and removes the mark):',
    );
  } else if (review) {
    console.log('\nTranslations (none marked unreviewed):');
  }
  for (const r of review ?? []) console.log(`  ${describeReview(r, pack.meta.defaultLanguage)}`);
  const routed = findUnroutedCombinations(pack).length === 0 ? 'every answer combination has a route' : '';
  const languages = pack.meta.languages
    .map((l) => `${l.code}${l.complete ? '' : ' (incomplete)'}`)
    .join(', ');
  console.log(
    `\n${folder}: OK — ${pack.meta.code} ${pack.meta.version}, ${pack.services.length} services, ` +
      `${pack.routes.length} rules, ${routed}; languages ${languages}.`,
  );
  return 0;
}
