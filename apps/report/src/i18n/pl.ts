import raw from './catalogs/pl.json' with { type: 'json' };
import { catalogFromJson } from './compile-in-node.ts';

/** The Polish catalog (catalogs/pl.json) as the screens read it, for tests. The app loads it through index.ts. */
export const pl = catalogFromJson(raw, 'pl');
