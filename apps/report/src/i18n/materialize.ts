import type { CompiledNode } from '@vangnet/core/icu/catalog';
import { formatIcu } from '@vangnet/core/icu/format';
import type { Messages } from './messages.gen.ts';

/**
 * A compiled catalog (plain data: from the build for the languages the app carries, from the server for
 * a language a pack brings) → the object the screens read: `t.crisisTitle` is text, `t.crisisCall(phone)`
 * a function, as before the catalogs were ICU. A text whose words depend on the reporter's role
 * (`{role, select, …}`) gets its base wording here and each role's wording under `roleWords`, which
 * `wordsFor` (role-words.ts) puts over the base. Data of an unexpected shape becomes empty text, never
 * an exception.
 */
type Leaf = { $m: unknown; $a?: unknown; $r?: unknown };

function isLeaf(node: object): node is Leaf {
  return '$m' in node;
}

function leaf(node: Leaf, lang: string, role: string | undefined): unknown {
  const message = node.$m as Parameters<typeof formatIcu>[0];
  const params = Array.isArray(node.$a) ? (node.$a as string[]) : [];
  if (params.length === 0) return formatIcu(message, { role }, lang);
  return (...args: unknown[]) => {
    const values: Record<string, unknown> = { role };
    params.forEach((name, i) => {
      values[name] = args[i];
    });
    return formatIcu(message, values, lang);
  };
}

function build(node: unknown, lang: string, role: string | undefined): unknown {
  if (typeof node === 'string') return node;
  if (Array.isArray(node)) return node.map((item) => build(item, lang, role));
  if (typeof node !== 'object' || node === null) return '';
  if (isLeaf(node)) return leaf(node, lang, role);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = build(value, lang, role);
  return out;
}

/** The roles a message names in its `{role, select, …}` cases (not `other`). */
function rolesIn(message: unknown, into: Set<string>): void {
  if (!Array.isArray(message)) return;
  for (const part of message) {
    if (!Array.isArray(part) || typeof part[2] !== 'object' || part[2] === null) continue;
    for (const [key, sub] of Object.entries(part[2] as Record<string, unknown>)) {
      if (part[0] === 'role' && part[1] === 2 && key !== 'other') into.add(key);
      rolesIn(sub, into);
    }
  }
}

export function materialize(compiled: CompiledNode, lang: string): Messages {
  const t = build(compiled, lang, undefined) as Record<string, unknown>;
  const roleWords: Record<string, Record<string, unknown>> = {};
  const top = typeof compiled === 'object' && !Array.isArray(compiled) ? compiled : {};
  // The roles come from the catalog, so the first screen does not load the taxonomy for them.
  const roles = new Set<string>();
  for (const node of Object.values(top)) {
    if (typeof node === 'object' && !Array.isArray(node) && isLeaf(node) && node.$r) rolesIn(node.$m, roles);
  }
  for (const role of roles) {
    const words: Record<string, unknown> = {};
    for (const [key, node] of Object.entries(top)) {
      if (typeof node === 'object' && !Array.isArray(node) && isLeaf(node) && node.$r)
        words[key] = leaf(node, lang, role);
    }
    roleWords[role] = words;
  }
  t.roleWords = roleWords;
  return t as unknown as Messages;
}
