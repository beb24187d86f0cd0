import { allRouteInputs } from '../routing/combinations.ts';
import { findRule } from '../routing/route-report.ts';
import type { AgeBand, CategoryCode } from '../taxonomy.ts';
import type { PackProblem } from './check.ts';
import type { CountryPack } from './schema.ts';

type Gap = { categories: Set<CategoryCode>; ageBands: Set<AgeBand> };

/**
 * Routes that send reports to a service outside what it says it takes on: a category missing from its
 * `handles`, or an age band missing from its `ageBands` (an adult to a children's line, sextortion to an
 * education site). Only the answers that really reach a rule count (the first matching rule wins), so a
 * catch-all rule at the end is judged on what is left for it. A target with `outsideRemit: <reason>` is
 * a deliberate choice and passes.
 */
export function findRoutesOutsideRemit(
  pack: Pick<CountryPack, 'routes' | 'services'>,
): Omit<PackProblem, 'severity'>[] {
  const services = new Map(pack.services.map((s) => [s.id, s]));
  const gaps = new Map<string, Gap>();
  for (const input of allRouteInputs()) {
    const rule = findRule(pack, input);
    if (!rule) continue;
    rule.services.forEach((target, j) => {
      const service = services.get(target.service);
      if (!service || target.outsideRemit) return;
      const wrongCategory = !service.handles.includes(input.category);
      const wrongAge = service.ageBands !== undefined && !service.ageBands.includes(input.ageBand);
      if (!wrongCategory && !wrongAge) return;
      const key = `${pack.routes.indexOf(rule)}:${j}`;
      const gap = gaps.get(key) ?? { categories: new Set(), ageBands: new Set() };
      if (wrongCategory) gap.categories.add(input.category);
      if (wrongAge) gap.ageBands.add(input.ageBand);
      gaps.set(key, gap);
    });
  }
  return [...gaps].map(([key, gap]) => {
    const [i, j] = key.split(':').map(Number) as [number, number];
    const rule = pack.routes[i]!;
    const service = services.get(rule.services[j]!.service)!;
    const what = [
      gap.categories.size > 0 ? `categories it does not handle (${[...gap.categories].join(', ')})` : '',
      gap.ageBands.size > 0 ? `age bands it does not serve (${[...gap.ageBands].join(', ')})` : '',
    ]
      .filter(Boolean)
      .join(' and ');
    return {
      file: 'routes.yaml',
      path: `rules[${i}].services[${j}]`,
      message:
        `rule "${rule.id}" sends ${service.name} ${what}; narrow the rule's match, add them to the ` +
        `service's handles/ageBands in services.yaml if it really takes them, or add outsideRemit: "<why>"`,
    };
  });
}
