import { basename } from 'node:path';
import {
  type CompiledNode,
  type CountryPack,
  DEMO_ANCHOR_PUBLIC_KEY,
  type PackCatalogs,
} from '@vangnet/core';
import { loadActive } from './country-pack/active.ts';

/**
 * What the server itself needs from the active country pack. The full pack (schema, loader,
 * `publicPack`) belongs to `country-pack/`; this is the narrow view the spine depends on.
 */
export type ActivePack = {
  country: string;
  version: string;
  languages: string[];
  helplineName: string;
  /** age recipients pinned in the (signed) pack; the database may add more. */
  helplineRecipients: string[];
  /** Ed25519 keys (hex) that may sign the helpline's recipient list; the apps refuse any other list. */
  trustAnchors: string[];
  /** The part of the pack the apps may read (`GET /api/v1/pack`). */
  publicData: unknown;
  /** The whole checked pack (routing, services, connectors), when loaded from a pack folder. */
  countryPack?: CountryPack;
  /** The apps' texts the pack brings for languages an app does not carry (`GET /api/v1/catalogs/:app/:lang`). */
  appCatalogs?: PackCatalogs<CompiledNode>;
};

/**
 * Until the country-pack loader is wired in, the pack is known by its folder name only
 * (`country-packs/NL` → NL).
 */
export function minimalPack(dir: string): ActivePack {
  const country = basename(dir);
  return {
    country,
    version: '0',
    languages: [],
    helplineName: `Helpline ${country}`,
    helplineRecipients: [],
    // The public demo anchor: the server signs this pack's list by itself (recipient-list/signed-list.ts).
    trustAnchors: [DEMO_ANCHOR_PUBLIC_KEY],
    publicData: { country },
  };
}

/** Loads and checks the pack in `dir` (country-pack/load.ts); a bad pack stops the start with file and path. */
export async function loadActivePack(dir: string): Promise<ActivePack> {
  return loadActive(dir);
}
