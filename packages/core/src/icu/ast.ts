/**
 * A parsed ICU MessageFormat message in a compact form that is plain JSON, so a catalog compiled at
 * build time (or by the server, for a pack's own language) is data the app interprets, never code.
 *
 * - a message with no argument is just its text;
 * - otherwise a list of parts: text, `0` for the `#` of a plural, or an argument:
 *   `[name]` (`{name}`), `[name, 0]` (`{name, number}`), `[name, 1, cases, offset]` (plural),
 *   `[name, 2, cases]` (select), `[name, 3, cases, offset]` (selectordinal).
 */
export type IcuMessage = string | IcuPart[];
export type IcuCases = { [selector: string]: IcuMessage };
export type IcuPart =
  | string
  | 0
  | [name: string]
  | [name: string, kind: 0]
  | [name: string, kind: 1 | 3, cases: IcuCases, offset: number]
  | [name: string, kind: 2, cases: IcuCases];

export const ARG_NUMBER = 0;
export const ARG_PLURAL = 1;
export const ARG_SELECT = 2;
export const ARG_ORDINAL = 3;
