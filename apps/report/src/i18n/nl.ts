import raw from './catalogs/nl.json' with { type: 'json' };
import { catalogFromJson } from './compile-in-node.ts';

/** The Dutch catalog (catalogs/nl.json) as the screens read it, for tests. The app loads it through index.ts. */
export const nl = catalogFromJson(raw, 'nl');
