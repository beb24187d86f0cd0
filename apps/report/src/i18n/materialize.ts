import type { CompiledNode } from '@vangnet/core/icu/catalog';
import { isCompiledLeaf, materializeCatalog, materializeLeaf } from '@vangnet/core/icu/materialize';
import type { Messages } from './messages.gen.ts';

/**
 * A compiled catalog → the object the screens read (packages/core/src/icu/materialize.ts, shared with
 * the console). A text whose words depend on the
 * reporter's role (`{role, select, …}`) gets its base wording here and each role's wording under
 * `roleWords`, which `wordsFor` (role-words.ts) puts over the base.
 */

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
  const t = materializeCatalog(compiled, lang, { role: undefined }) as Record<string, unknown>;
  const roleWords: Record<string, Record<string, unknown>> = {};
  const top = typeof compiled === 'object' && !Array.isArray(compiled) ? compiled : {};
  // The roles come from the catalog, so the first screen does not load the taxonomy for them.
  const roles = new Set<string>();
  for (const node of Object.values(top)) {
    if (isCompiledLeaf(node) && node.$r) rolesIn(node.$m, roles);
  }
  for (const role of roles) {
    const words: Record<string, unknown> = {};
    for (const [key, node] of Object.entries(top)) {
      if (isCompiledLeaf(node) && node.$r) words[key] = materializeLeaf(node, lang, { role });
    }
    roleWords[role] = words;
  }
  t.roleWords = roleWords;
  return t as unknown as Messages;
}
