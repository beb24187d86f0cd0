import type { Role } from '@vangnet/core';
import type { IcuMessage } from '@vangnet/core/icu/ast';
import type { CompiledNode } from '@vangnet/core/icu/catalog';
import { formatIcu } from '@vangnet/core/icu/format';
import { parseCannedTexts } from '@vangnet/core/pack/canned-texts';

/**
 * Standard replies a case worker can start from, in the reporter's language and for who they are:
 * the young person themselves, a friend or bystander (asked about their friend and about themselves),
 * a parent or professional (about the young person, formal "u"/"vous"/"Sie"), or an adult about
 * themselves. The built-in ones are ICU MessageFormat catalogs, one per language
 * (apps/console/src/i18n/canned/<lang>.json, English the source), each reply's words per role through
 * `{role, select, friend {…} parent {…} professional {…} adult {…} other {…}}` (`other`: the young
 * person, and any unknown role: protect first). A set is loaded for the reporter's language only
 * (i18n/index.ts `loadCannedReplies`); a language without one gets English. A country pack can supply
 * its own as texts (see packages/core/src/pack/canned-texts.ts): a pack reply replaces the built-in one
 * with its id, other ids are added. Written for a ten-year-old reader: short sentences, no blame.
 *
 * Values, filled from the case and the pack, never from code per country: `{counsellor}` (the case
 * worker's name), `{helpline}` (the pack's helpline name), `{emergency}` (the numbers of the pack's
 * crisis line for a `danger` answer, e.g. "112" or "101 or 112", joined with the set's `or`).
 */
export type Canned = { id: string; label: string; text: string };
export type Audience = 'young' | 'adult';

/** One language's built-in replies, compiled (the build's chunk, or compile-in-node for tests). */
export type CannedReplies = CompiledNode;

/** The reporter's role → whom the reply speaks to. Unknown roles get the young wording (protect first). */
export function audienceFor(role: string | undefined): Audience {
  return role === 'parent' || role === 'professional' || role === 'adult' ? 'adult' : 'young';
}

/** A compiled text (plain string, or `{ $m }` when it takes values) with these values. */
function format(node: unknown, values: Record<string, unknown>, lang: string): string {
  if (typeof node === 'string') return node;
  if (typeof node === 'object' && node !== null && '$m' in node)
    return formatIcu((node as { $m: IcuMessage }).$m, values, lang);
  return '';
}

/** What the placeholders are filled with. */
export interface CannedContext {
  counsellor: string;
  helpline: string;
  /** The emergency numbers from the pack (the crisis line for a `danger` answer), in order. */
  emergency: readonly string[];
}

/** A pack's own reply (texts/<lang>.yaml, plain text with the same placeholders). */
function fill(text: string, values: Record<string, string>): string {
  return text
    .replaceAll('{counsellor}', values.counsellor ?? '')
    .replaceAll('{helpline}', values.helpline ?? '')
    .replaceAll('{emergency}', values.emergency ?? '');
}

/**
 * The replies for this reporter's language and role: the built-in ones for that role, each replaced
 * by the pack's reply with the same id (for this role, else for every role), then the pack's own.
 */
export function cannedResponses(
  options: {
    language: string;
    role?: Role | string;
    packTexts?: Record<string, Record<string, string>>;
    /** The built-in replies in the reporter's language (English when there are none in it). */
    replies: CannedReplies;
    /** The language of `replies` (for plural rules), when not the reporter's. */
    repliesLanguage?: string;
  } & CannedContext,
): Canned[] {
  const { language, role, packTexts, replies } = options;
  const lang = language.split('-')[0]?.toLowerCase() ?? 'en';
  const data = (typeof replies === 'object' && replies !== null ? replies : {}) as {
    or?: unknown;
    replies?: Record<string, { label?: unknown; text?: unknown }>;
  };
  const or = typeof data.or === 'string' ? data.or : '/';
  const values = {
    role: role ?? '',
    counsellor: options.counsellor,
    helpline: options.helpline,
    emergency: options.emergency.join(` ${or} `),
  };
  const repliesLang = options.repliesLanguage ?? lang;
  const merged = new Map<string, Canned>();
  for (const [id, reply] of Object.entries(data.replies ?? {})) {
    merged.set(id, {
      id,
      label: format(reply.label, values, repliesLang),
      text: format(reply.text, values, repliesLang),
    });
  }
  // Pack texts are per pack language; a reporter language the pack lacks gets none of them.
  const texts = packTexts?.[language] ?? packTexts?.[lang] ?? {};
  for (const reply of parseCannedTexts(texts).replies) {
    const text = (role ? reply.byRole[role as Role] : undefined) ?? reply.text;
    if (text === undefined) continue;
    const label = reply.label ?? merged.get(reply.id)?.label ?? reply.id;
    merged.set(reply.id, { id: reply.id, label, text: fill(text, values) });
  }
  return [...merged.values()];
}

/**
 * The name a case worker signs with: the display name they set (Details → "Your name in replies"),
 * else the part of their e-mail address before "@" (and before a dot), capitalised:
 * "anna.de.vries@…" → "Anna".
 */
export function counsellorName(email: string | undefined, displayName?: string | null): string {
  if (displayName?.trim()) return displayName.trim();
  const first = (email ?? '').split('@')[0]?.split(/[._+-]/)[0] ?? '';
  return first ? first.charAt(0).toUpperCase() + first.slice(1) : '';
}
