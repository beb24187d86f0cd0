import type { IcuMessage } from './ast.ts';

/** What kind of value a message's argument takes: a plural or number takes a number, a select on `true`/`false` a boolean. */
export type IcuArgKind = 'string' | 'number' | 'boolean';

/** A message's arguments in order of first appearance, with their kind. */
export function icuArgs(message: IcuMessage): Map<string, IcuArgKind> {
  const found = new Map<string, IcuArgKind>();
  const selects = new Map<string, Set<string>>();
  const walk = (m: IcuMessage) => {
    if (typeof m === 'string') return;
    for (const part of m) {
      if (typeof part === 'string' || part === 0) continue;
      const [name, kind] = part;
      if (kind === 0 || kind === 1 || kind === 3) found.set(name, 'number');
      else if (!found.has(name)) found.set(name, 'string');
      if (kind === 2) {
        const keys = selects.get(name) ?? new Set<string>();
        for (const key of Object.keys(part[2])) keys.add(key);
        selects.set(name, keys);
      }
      if (kind === 1 || kind === 2 || kind === 3) for (const sub of Object.values(part[2])) walk(sub);
    }
  };
  walk(message);
  for (const [name, keys] of selects) {
    const boolean = [...keys].every((k) => k === 'true' || k === 'false' || k === 'other');
    if (found.get(name) === 'string' && boolean) found.set(name, 'boolean');
  }
  return found;
}
