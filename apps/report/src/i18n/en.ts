import raw from './catalogs/en.json' with { type: 'json' };
import { catalogFromJson } from './compile-in-node.ts';

export type { Messages } from './messages.gen.ts';
/** The English catalog (catalogs/en.json) as the screens read it, for tests. The app loads it through index.ts. */
export const en = catalogFromJson(raw, 'en');
