import type { Audience, CountryPack, Link, OpeningHours, Phone, Service } from '../pack/schema.ts';
import { packText } from '../pack/texts.ts';
import type { ReportMetadata } from '../report-metadata.ts';
import { firstContactDeadline } from '../sla/deadlines.ts';
import { addLeadTime } from '../sla/lead-time.ts';
import { type RouteInput, routeReport } from './route-report.ts';

/** The parts of a pack the route map reads; the public pack has them all. */
type MapPack = Pick<CountryPack, 'crisis' | 'routes' | 'texts'> & {
  meta: Pick<CountryPack['meta'], 'defaultLanguage' | 'sla' | 'helpline'>;
  services: readonly Omit<Service, 'connector'>[];
};

export type RouteMapContact =
  | {
      kind: 'phone';
      number: string;
      display: string;
      label?: string;
      hours?: OpeningHours;
      free: boolean;
      unverified: boolean;
    }
  | { kind: 'chat' | 'web'; url: string; label?: string; hours?: OpeningHours; unverified: boolean };

export type RouteMapEntry = {
  serviceId: string;
  name: string;
  kind: Service['kind'];
  description: string;
  feedback: string;
  /** What the organisation takes on, as taxonomy codes (the apps word them). */
  handles: Service['handles'];
  anonymous: boolean;
  /** ISO 8601 target for first contact. */
  firstContact: string;
  contacts: RouteMapContact[];
  /** Some detail of this entry was not confirmed; the apps say "check before use". */
  unverified: boolean;
};

/**
 * "Melden & Helpen": which organisation handles what, how to reach it, how fast, what you hear back —
 * generated from the pack for one audience (young people, parents, schools) in one language.
 */
export function routeMap(
  pack: MapPack,
  audience: Audience,
  language: string,
): { title: string; intro: string; entries: RouteMapEntry[] } {
  const text = (key: string) => packText(pack, language, key) ?? '';
  return {
    title: text(`routeMap.${audience}.title`),
    intro: text(`routeMap.${audience}.intro`),
    entries: pack.services
      .filter((s) => s.audience.includes(audience))
      .map((s) => ({
        serviceId: s.id,
        name: s.name,
        kind: s.kind,
        description: text(`services.${s.id}.description`),
        feedback: text(`services.${s.id}.feedback`),
        handles: s.handles,
        anonymous: s.anonymous ?? false,
        firstContact: s.leadTimes.firstContact,
        contacts: contactsOf(s, text),
        unverified:
          (s.unverified?.length ?? 0) > 0 ||
          s.phones.some((p) => p.unverified) ||
          !!s.chat?.unverified ||
          !!s.web?.unverified,
      })),
  };
}

function contactsOf(service: Omit<Service, 'connector'>, text: (key: string) => string): RouteMapContact[] {
  const label = (key?: string) => (key ? { label: text(key) } : {});
  const phones = service.phones.map(
    (p: Phone): RouteMapContact => ({
      kind: 'phone',
      number: p.number,
      display: p.display ?? p.number,
      ...label(p.label),
      ...(p.hours ? { hours: p.hours } : {}),
      free: p.free ?? false,
      unverified: p.unverified ?? false,
    }),
  );
  const links = (['chat', 'web'] as const).flatMap((kind) => {
    const link: Link | undefined = service[kind];
    return link
      ? [
          {
            kind,
            url: link.url,
            ...label(link.label),
            ...(link.hours ? { hours: link.hours } : {}),
            unverified: link.unverified ?? false,
          } satisfies RouteMapContact,
        ]
      : [];
  });
  return [...phones, ...links];
}

export type NextHelp = {
  /** When the helpline will have made human contact: the pack's target, or the route's if sooner. */
  helplineBy: Date;
  /** Who will help, in order, and by when each one's first contact is due if handed over now. */
  services: { serviceId: string; name: string; by: Date; crisis: boolean }[];
  advice: string[];
  crisisFirst: boolean;
};

/** What a reporter sees after sending: who will help and by when. `receivedAt` is the server's receipt time. */
export function whoHelpsNext(
  pack: MapPack,
  metadata: RouteInput & Pick<ReportMetadata, 'category' | 'flags'>,
  receivedAt: Date,
): NextHelp | null {
  const route = routeReport(pack, metadata);
  if (!route) return null;
  const ownHelpline = pack.meta.helpline.id;
  // The report is already with the helpline running this instance: no hand-over wait for it.
  const services = route.services.map((s) => ({
    serviceId: s.serviceId,
    name: pack.services.find((x) => x.id === s.serviceId)?.name ?? s.serviceId,
    by:
      s.serviceId === ownHelpline
        ? addLeadTime(receivedAt, s.firstContact)
        : addLeadTime(addLeadTime(receivedAt, s.handover), s.firstContact),
    crisis: s.crisis,
  }));
  const sla = firstContactDeadline(pack, metadata, receivedAt);
  const own = services.find((s) => s.serviceId === ownHelpline)?.by;
  return {
    helplineBy: own && own < sla ? own : sla,
    services,
    advice: route.advice,
    crisisFirst: route.crisisFirst,
  };
}
