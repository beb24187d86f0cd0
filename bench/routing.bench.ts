// Country pack and routing costs: loading and checking a pack at boot, routing one report, and the full
// coverage check `pack check` runs. Routing is first-match over a short rule list; the figures compare it
// side by side with a precomputed lookup table over every answer combination, to show whether such a
// cache would be worth its memory. Run with `npm run bench -- routing`.
import { join } from 'node:path';
import { inspectCountryPack } from '../apps/server/src/country-pack/load.ts';
import {
  allRouteInputs,
  type CountryPack,
  checkPack,
  findUnroutedCombinations,
  type RouteInput,
  routeReport,
} from '../packages/core/src/index.ts';

const RUNS = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function time(run: () => unknown, runs = RUNS): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    ms.push(performance.now() - start);
  }
  return median(ms);
}

const keyOf = (i: RouteInput) =>
  `${i.category}|${i.role}|${i.ageBand}|${+i.flags.ongoing}${+i.flags.danger}${+i.flags.selfHarm}${+i.flags.imageAbuse}`;

for (const code of ['NL', 'BE-VL']) {
  const dir = join(import.meta.dirname, '../country-packs', code);
  let pack: CountryPack | undefined;
  const loadMs = await time(async () => {
    pack = (await inspectCountryPack(dir)).pack;
  });
  if (!pack) throw new Error(`${code} did not load`);
  const p = pack;
  const checkMs = await time(() => checkPack(p));
  const coverageMs = await time(() => findUnroutedCombinations(p));
  const inputs = [...allRouteInputs()];
  const routeAllMs = await time(() => {
    for (const i of inputs) routeReport(p, i);
  });
  const table = new Map(inputs.map((i) => [keyOf(i), routeReport(p, i)]));
  const lookupAllMs = await time(() => {
    for (const i of inputs) table.get(keyOf(i));
  });
  const perRouteUs = (routeAllMs * 1000) / inputs.length;
  console.log(
    `${code}: ${p.services.length} services, ${p.routes.length} rules, ${inputs.length} answer combinations`,
  );
  console.log(`  load + check pack folder (YAML, schema, cross-checks, coverage): ${loadMs.toFixed(1)} ms`);
  console.log(
    `  checkPack alone: ${checkMs.toFixed(1)} ms; coverage enumeration alone: ${coverageMs.toFixed(1)} ms`,
  );
  console.log(
    `  routeReport: ${perRouteUs.toFixed(2)} µs per report (${Math.round(inputs.length / (routeAllMs / 1000)).toLocaleString('en')} routes/s)`,
  );
  console.log(
    `  precomputed table lookup: ${((lookupAllMs * 1000) / inputs.length).toFixed(2)} µs per report; ` +
      `first-match / lookup = ${(routeAllMs / lookupAllMs).toFixed(1)}×`,
  );
}
