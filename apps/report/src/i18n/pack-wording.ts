import type { Messages } from './en.ts';

/**
 * A pack may word some of the app's own texts its way for one language, where usage differs between
 * countries that share it: Flemish Dutch says "leerkracht" where the Netherlands say "leraar". Those
 * texts sit in the pack's `texts/<lang>.yaml` under `app:`, with the catalog's key as their path
 * (`app.roles.professional`, `app.helpTips.4` for the fifth tip). Only a text the catalog has can be
 * replaced, and only by a text: a function (a text with numbers in it) stays the catalog's. There is no
 * fallback to another language: a French reader never gets the Dutch wording.
 */
export const APP_WORDING_PREFIX = 'app.';

type Node = unknown;

function replaced(node: Node, path: readonly string[], text: string): Node | undefined {
  const [head, ...rest] = path;
  if (head === undefined) return typeof node === 'string' ? text : undefined;
  if (Array.isArray(node)) {
    const index = Number(head);
    if (!Number.isInteger(index) || index < 0 || index >= node.length) return undefined;
    const inner = replaced(node[index], rest, text);
    if (inner === undefined) return undefined;
    const copy = [...node];
    copy[index] = inner;
    return copy;
  }
  if (node && typeof node === 'object' && Object.hasOwn(node, head)) {
    const inner = replaced((node as Record<string, Node>)[head], rest, text);
    return inner === undefined ? undefined : { ...(node as Record<string, Node>), [head]: inner };
  }
  return undefined;
}

/** The catalog with the pack's wording for this language put over it; keys it does not know are skipped. */
export function withPackWording(t: Messages, texts: Readonly<Record<string, string>> | undefined): Messages {
  let out: Node = t;
  for (const [key, text] of Object.entries(texts ?? {})) {
    if (!key.startsWith(APP_WORDING_PREFIX) || !text.trim()) continue;
    const next = replaced(out, key.slice(APP_WORDING_PREFIX.length).split('.'), text);
    if (next !== undefined) out = next;
  }
  return out as Messages;
}

/** `app.` keys that name no text of the catalog (a typo, or a function): `pack-wording.test.ts` lists them. */
export function unknownWordingKeys(t: Messages, texts: Readonly<Record<string, string>>): string[] {
  return Object.keys(texts).filter(
    (key) =>
      key.startsWith(APP_WORDING_PREFIX) &&
      replaced(t, key.slice(APP_WORDING_PREFIX.length).split('.'), 'x') === undefined,
  );
}
