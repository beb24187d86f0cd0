import raw from './catalogs/tr.json' with { type: 'json' };
import { catalogFromJson } from './compile-in-node.ts';

/** The Turkish catalog (catalogs/tr.json) as the screens read it, for tests. The app loads it through index.ts. */
export const tr = catalogFromJson(raw, 'tr');
