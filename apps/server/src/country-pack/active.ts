import type { CompiledNode, CountryPack, PackCatalogs } from '@vangnet/core';
import type { ActivePack } from '../active-pack.ts';
import { loadCountryPackWithCatalogs, publicPack } from './load.ts';

/** The spine's narrow view of a loaded pack, carrying the whole checked pack for the parts that route. */
export function activePackFrom(pack: CountryPack, appCatalogs: PackCatalogs<CompiledNode> = {}): ActivePack {
  return {
    country: pack.meta.code,
    version: pack.meta.version,
    languages: pack.meta.languages.map((l) => l.code),
    helplineName: pack.meta.helpline.name,
    helplineRecipients: [...(pack.meta.helpline.recipients ?? [])],
    trustAnchors: [...(pack.meta.helpline.trustAnchors ?? [])],
    publicData: publicPack(pack),
    countryPack: pack,
    appCatalogs,
  };
}

/** Reads, checks and freezes the pack in `dir`; a bad pack throws a `PackError` naming file and path. */
export async function loadActive(dir: string): Promise<ActivePack> {
  const { pack, catalogs } = await loadCountryPackWithCatalogs(dir);
  return activePackFrom(pack, catalogs);
}
