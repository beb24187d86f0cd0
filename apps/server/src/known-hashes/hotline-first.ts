import type { Route, RoutingPack } from '@vangnet/core';

/**
 * The routing proposal for a case whose hashes matched a known-image list: the pack's hotline(s)
 * (services of kind `hotline`, whatever the country) move to the front, right after any crisis line
 * the answers triggered (a child at risk comes first). A hotline the matching rule did not name is
 * added with its own lead times. Pure; the rest of the route stays as the routing engine made it.
 */
export function hotlineFirst(pack: RoutingPack, route: Route | null): Route | null {
  const hotlineIds = pack.services.filter((s) => s.kind === 'hotline').map((s) => s.id);
  if (!route || hotlineIds.length === 0) return route;
  const crisis = route.services.filter((s) => s.crisis);
  const rest = route.services.filter((s) => !s.crisis && !hotlineIds.includes(s.serviceId));
  const hotlines = hotlineIds
    .filter((id) => !crisis.some((s) => s.serviceId === id))
    .map((id) => {
      const routed = route.services.find((s) => s.serviceId === id);
      if (routed) return routed;
      const service = pack.services.find((s) => s.id === id)!;
      return {
        serviceId: id,
        order: 0,
        firstContact: service.leadTimes.firstContact,
        handover: service.leadTimes.handover,
        crisis: false,
      };
    });
  const services = [...crisis, ...hotlines, ...rest].map((s, i) => ({ ...s, order: i + 1 }));
  return { ...route, services };
}
