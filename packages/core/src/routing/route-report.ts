import type { CountryPack, RouteMatch, RouteRule } from '../pack/schema.ts';
import type { UrgencyFlags } from '../report-metadata.ts';
import type { AgeBand, CategoryCode, Role } from '../taxonomy.ts';

/** The clear answers routing may use: the same fields the server sees (DESIGN.md trust model). */
export type RouteInput = {
  category: CategoryCode;
  role: Role;
  ageBand: AgeBand;
  flags: UrgencyFlags;
};

export type RoutedService = {
  serviceId: string;
  /** 1 is the first organisation to contact. */
  order: number;
  /** ISO 8601 duration: target for this organisation's first human contact. */
  firstContact: string;
  /** ISO 8601 duration: target for the helpline's warm hand-over to it. */
  handover: string;
  /** True when this service is here because a crisis answer put it first. */
  crisis: boolean;
};

export type Route = {
  ruleId: string;
  services: RoutedService[];
  /** Advice ids; the text is `advice.<id>` in the pack's texts. */
  advice: string[];
  crisisFirst: boolean;
};

/** Routing needs only these parts, so the apps can route from the public pack (no connectors) too. */
export type RoutingPack = Pick<CountryPack, 'crisis' | 'routes'> & {
  services: readonly Omit<CountryPack['services'][number], 'connector'>[];
};

export function ruleMatches(match: RouteMatch, input: RouteInput): boolean {
  if (match.categories && !match.categories.includes(input.category)) return false;
  if (match.roles && !match.roles.includes(input.role)) return false;
  if (match.ageBands && !match.ageBands.includes(input.ageBand)) return false;
  if (match.flags && !match.flags.every((flag) => input.flags[flag])) return false;
  if (match.withoutFlags?.some((flag) => input.flags[flag])) return false;
  return true;
}

/** Precedence: rules are tried in file order and the first match wins, so specific rules go on top. */
export function findRule(pack: Pick<CountryPack, 'routes'>, input: RouteInput): RouteRule | undefined {
  return pack.routes.find((rule) => ruleMatches(rule.match, input));
}

/** Crisis lines whose trigger (a flag set, or the category) matches, in the order crisis.yaml lists them. */
export function triggeredCrisisLines(pack: Pick<CountryPack, 'crisis'>, input: RouteInput) {
  return pack.crisis.filter(
    (line) =>
      line.when.flags.some((flag) => input.flags[flag]) || line.when.categories.includes(input.category),
  );
}

/**
 * Where a report goes: the crisis lines its answers trigger come first, then the services of the first
 * matching rule, each once. Returns null when no rule matches; `pack check` refuses such packs.
 */
export function routeReport(pack: RoutingPack, input: RouteInput): Route | null {
  const rule = findRule(pack, input);
  if (!rule) return null;
  const crisisServiceIds = triggeredCrisisLines(pack, input).map((line) => line.service);
  const ordered: { serviceId: string; crisis: boolean }[] = [];
  const seen = new Set<string>();
  for (const serviceId of crisisServiceIds) {
    if (!seen.has(serviceId)) ordered.push({ serviceId, crisis: true });
    seen.add(serviceId);
  }
  for (const target of rule.services) {
    if (!seen.has(target.service)) ordered.push({ serviceId: target.service, crisis: false });
    seen.add(target.service);
  }
  const services: RoutedService[] = [];
  for (const { serviceId, crisis } of ordered) {
    const service = pack.services.find((s) => s.id === serviceId);
    // An unknown id cannot reach here in a checked pack; skipping keeps the function total.
    if (!service) continue;
    const target = rule.services.find((t) => t.service === serviceId);
    services.push({
      serviceId,
      order: services.length + 1,
      firstContact: target?.firstContact ?? service.leadTimes.firstContact,
      handover: target?.handover ?? service.leadTimes.handover,
      crisis,
    });
  }
  return { ruleId: rule.id, services, advice: [...rule.advice], crisisFirst: crisisServiceIds.length > 0 };
}
