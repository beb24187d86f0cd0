import type { CompiledNode } from './catalog.ts';
import { formatIcu } from './format.ts';

/**
 * A compiled catalog (plain data: from the build for the languages an app carries, from the server for
 * a language a pack brings) → the object the screens read: `t.crisisTitle` is text, `t.crisisCall(phone)`
 * a function of the values in the order `$a` names them. `fixed` are values the caller does not pass
 * (the reporter app's `role`). Data of an unexpected shape becomes empty text, never an exception.
 * Shared by the reporter app and the console.
 */
type Leaf = { $m: unknown; $a?: unknown; $r?: unknown };

export function isCompiledLeaf(node: unknown): node is Leaf {
  return typeof node === 'object' && node !== null && !Array.isArray(node) && '$m' in node;
}

/** One compiled text: a string when it takes no value, else a function of its values. */
export function materializeLeaf(
  node: Leaf,
  lang: string,
  fixed: Readonly<Record<string, unknown>> = {},
): unknown {
  const message = node.$m as Parameters<typeof formatIcu>[0];
  const params = Array.isArray(node.$a) ? (node.$a as string[]) : [];
  if (params.length === 0) return formatIcu(message, fixed, lang);
  return (...args: unknown[]) => {
    const values: Record<string, unknown> = { ...fixed };
    params.forEach((name, i) => {
      values[name] = args[i];
    });
    return formatIcu(message, values, lang);
  };
}

export function materializeCatalog(
  node: CompiledNode | unknown,
  lang: string,
  fixed: Readonly<Record<string, unknown>> = {},
): unknown {
  if (typeof node === 'string') return node;
  if (Array.isArray(node)) return node.map((item) => materializeCatalog(item, lang, fixed));
  if (typeof node !== 'object' || node === null) return '';
  if (isCompiledLeaf(node)) return materializeLeaf(node, lang, fixed);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = materializeCatalog(value, lang, fixed);
  return out;
}
