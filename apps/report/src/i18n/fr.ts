import raw from './catalogs/fr.json' with { type: 'json' };
import { catalogFromJson } from './compile-in-node.ts';

/** The French catalog (catalogs/fr.json) as the screens read it, for tests. The app loads it through index.ts. */
export const fr = catalogFromJson(raw, 'fr');
