import type { CountryPack } from '../pack/schema.ts';
import { AGE_BANDS, CATEGORY_CODES, ROLES, URGENCY_FLAGS } from '../taxonomy.ts';
import { findRule, type RouteInput } from './route-report.ts';

/** Every answer a reporter can give: category × role × age band × each subset of the urgency flags. */
export function* allRouteInputs(): Generator<RouteInput> {
  const subsets = 1 << URGENCY_FLAGS.length;
  for (const category of CATEGORY_CODES) {
    for (const role of ROLES) {
      for (const ageBand of AGE_BANDS) {
        for (let bits = 0; bits < subsets; bits++) {
          const [ongoing, danger, selfHarm, imageAbuse] = URGENCY_FLAGS.map(
            (_, i) => (bits & (1 << i)) !== 0,
          );
          yield {
            category,
            role,
            ageBand,
            flags: { ongoing: !!ongoing, danger: !!danger, selfHarm: !!selfHarm, imageAbuse: !!imageAbuse },
          };
        }
      }
    }
  }
}

/** Every combination no rule matches. An empty list means a reporter always gets somewhere. */
export function findUnroutedCombinations(pack: Pick<CountryPack, 'routes'>): RouteInput[] {
  const unrouted: RouteInput[] = [];
  for (const input of allRouteInputs()) if (!findRule(pack, input)) unrouted.push(input);
  return unrouted;
}

/** Rules that never win because earlier rules catch every report they match. */
export function findUnreachableRules(pack: Pick<CountryPack, 'routes'>): string[] {
  const used = new Set<string>();
  for (const input of allRouteInputs()) {
    const rule = findRule(pack, input);
    if (rule) used.add(rule.id);
  }
  return pack.routes.filter((rule) => !used.has(rule.id)).map((rule) => rule.id);
}
