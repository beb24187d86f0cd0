import type { CountryPack, Service } from './schema.ts';

export type PublicService = Omit<Service, 'connector'>;
export type PublicPack = Omit<CountryPack, 'services' | 'meta' | 'platforms'> & {
  platforms: Omit<CountryPack['platforms'][number], 'dsaContact'>[];
  meta: Omit<CountryPack['meta'], 'rolePermissions' | 'statusWorkflow' | 'statistics'> & {
    statistics?: Omit<NonNullable<CountryPack['meta']['statistics']>, 'preventionPartners'>;
  };
  services: PublicService[];
};

/**
 * What the reporter app and the public may see: services, crisis lines, platforms, routes, texts and
 * pages. Connector settings (partner endpoints, secret names, prevention partners), platforms' DSA
 * notice contacts and staff rules stay on the server.
 * Its test fails if a connector field shows up here.
 */
export function publicPack(pack: CountryPack): PublicPack {
  const { rolePermissions: _permissions, statusWorkflow: _workflow, statistics, ...rest } = pack.meta;
  // Who gets prevention signals, and how (endpoints, secret names), is staff business.
  const publicStatistics = statistics
    ? (({ preventionPartners: _partners, ...shown }) => shown)(statistics)
    : undefined;
  const meta = publicStatistics ? { ...rest, statistics: publicStatistics } : rest;
  return {
    meta,
    services: pack.services.map(({ connector: _connector, unverified, ...service }) => {
      const shown = unverified?.filter((field) => field !== 'connector');
      return shown?.length ? { ...service, unverified: shown } : service;
    }),
    crisis: pack.crisis,
    // Where the helpline's trusted-flagger notices go is staff business (the console asks the server).
    platforms: pack.platforms.map(({ dsaContact: _dsaContact, ...platform }) => platform),
    ...(pack.legalBasis ? { legalBasis: pack.legalBasis } : {}),
    routes: pack.routes,
    ...(pack.agreements ? { agreements: pack.agreements } : {}),
    texts: pack.texts,
    pages: pack.pages,
  };
}
