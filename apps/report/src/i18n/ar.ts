import raw from './catalogs/ar.json' with { type: 'json' };
import { catalogFromJson } from './compile-in-node.ts';

/** The Arabic catalog (catalogs/ar.json) as the screens read it, for tests. The app loads it through index.ts. */
export const ar = catalogFromJson(raw, 'ar');
