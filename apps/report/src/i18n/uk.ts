import raw from './catalogs/uk.json' with { type: 'json' };
import { catalogFromJson } from './compile-in-node.ts';

/** The Ukrainian catalog (catalogs/uk.json) as the screens read it, for tests. The app loads it through index.ts. */
export const uk = catalogFromJson(raw, 'uk');
