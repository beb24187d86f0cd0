import { ROLES, type Role } from '@vangnet/core/taxonomy';
import type { Messages } from './en.ts';

/**
 * The strings that address the reporter, so they are worded for who is reporting: a child about
 * themselves, a friend or bystander, a parent, a professional, an adult about themselves ("What happened
 * to your child?"; in French "vous" for adults, "tu" for children). In a catalog such a text is an ICU
 * select on `role` (`{role, select, parent {…} other {…}}`); materialize.ts puts each role's wording under
 * `roleWords`, and a role's variant replaces the base string here.
 */
export const ROLE_KEYS = [
  'whatTitle',
  'whatHint',
  'ageTitle',
  'dangerTitle',
  'dangerHint',
  'flagDanger',
  'flagSelfHarm',
  'storyTitle',
  'storyHint',
  'contactTitle',
  'contactAnonymousHint',
  'receiptWhy',
  'receiptHas',
  'receiptAnswer',
  'receiptAlsoNote',
  'followTitle',
] as const;
export type RoleKey = (typeof ROLE_KEYS)[number];

/** One role's variants. Written out (not derived from Messages) so a catalog can hold it without a type cycle. */
export interface RoleWording {
  whatTitle?: string;
  whatHint?: string;
  ageTitle?: string;
  dangerTitle?: string;
  dangerHint?: string;
  flagDanger?: string;
  flagSelfHarm?: string;
  storyTitle?: string;
  storyHint?: string;
  contactTitle?: string;
  contactAnonymousHint?: string;
  receiptWhy?: string;
  receiptHas?: (name: string) => string;
  receiptAnswer?: (time: string) => string;
  receiptAlsoNote?: string;
  followTitle?: string;
}

/** Every role has an entry (maybe empty) in every catalog. */
export type RoleWords = Record<Role, RoleWording>;

// RoleWording may only name keys the catalog has, with the same types.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const keysMatch: Same<keyof RoleWording, RoleKey> = true;
const typesFit: Required<RoleWording> extends Pick<Messages, RoleKey> ? true : false = true;
void keysMatch;
void typesFit;

/** The catalog as this reporter sees it: the role's variants over the base strings. */
export function wordsFor(t: Messages, role: Role | undefined): Messages {
  if (!role || !(ROLES as readonly string[]).includes(role)) return t;
  const variant = t.roleWords[role] ?? {};
  const picked: Partial<Record<RoleKey, unknown>> = {};
  for (const key of ROLE_KEYS) if (variant[key] !== undefined) picked[key] = variant[key];
  return { ...t, ...(picked as Partial<Messages>) };
}
