import raw from './catalogs/de.json' with { type: 'json' };
import { catalogFromJson } from './compile-in-node.ts';

/** The German catalog (catalogs/de.json) as the screens read it, for tests. The app loads it through index.ts. */
export const de = catalogFromJson(raw, 'de');
