import { ROLES, type Role } from '../taxonomy.ts';

/**
 * A country pack's own standard replies for the console, as texts in texts/<lang>.yaml:
 *
 *   canned.<id>          the reply for every role
 *   canned.<id>.<role>   the reply for one role (self, friend, parent, professional, adult)
 *   canned.<id>.label    the button label (required for an id the console does not have built in)
 *
 * A pack reply with the id of a built-in one replaces it; any other id is added. Only three
 * placeholders exist, filled by the console: {counsellor}, {helpline}, {emergency}.
 */
export const CANNED_PREFIX = 'canned.';
export const CANNED_PLACEHOLDERS = ['counsellor', 'helpline', 'emergency'] as const;
/** The built-in reply ids, so a pack that replaces one may keep its label. */
export const BUILT_IN_CANNED_IDS = [
  'first-contact',
  'danger',
  'self-harm',
  'sextortion',
  'evidence-safe',
  'block-report',
  'referral',
  'closing',
] as const;

export type PackCannedReply = {
  id: string;
  label?: string;
  text?: string;
  byRole: Partial<Record<Role, string>>;
};

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The pack's replies in one language, and what is wrong with their keys or placeholders. */
export function parseCannedTexts(texts: Record<string, string>): {
  replies: PackCannedReply[];
  problems: { key: string; message: string }[];
} {
  const byId = new Map<string, PackCannedReply>();
  const problems: { key: string; message: string }[] = [];
  for (const [key, value] of Object.entries(texts)) {
    if (!key.startsWith(CANNED_PREFIX)) continue;
    const [id = '', part, ...rest] = key.slice(CANNED_PREFIX.length).split('.');
    if (!ID.test(id) || rest.length) {
      problems.push({
        key,
        message: 'a standard reply key is canned.<id>, canned.<id>.<role> or canned.<id>.label',
      });
      continue;
    }
    const reply = byId.get(id) ?? { id, byRole: {} };
    byId.set(id, reply);
    if (part === 'label') {
      reply.label = value;
      continue;
    }
    if (part !== undefined && !(ROLES as readonly string[]).includes(part)) {
      problems.push({ key, message: `"${part}" is not a role (${ROLES.join(', ')}) nor "label"` });
      continue;
    }
    for (const [, name] of value.matchAll(/\{([^}]*)\}/g)) {
      if (!(CANNED_PLACEHOLDERS as readonly string[]).includes(name ?? '')) {
        problems.push({
          key,
          message: `unknown placeholder {${name}} (use ${CANNED_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')})`,
        });
      }
    }
    if (id === 'first-contact' && !value.includes('{counsellor}')) {
      problems.push({
        key,
        message: 'the first contact introduces the counsellor by name: use {counsellor}',
      });
    }
    if (part === undefined) reply.text = value;
    else reply.byRole[part as Role] = value;
  }
  for (const reply of byId.values()) {
    if (reply.text === undefined && Object.keys(reply.byRole).length === 0) {
      problems.push({ key: `${CANNED_PREFIX}${reply.id}.label`, message: 'a label without a reply' });
    }
    if (!reply.label && !(BUILT_IN_CANNED_IDS as readonly string[]).includes(reply.id)) {
      problems.push({
        key: `${CANNED_PREFIX}${reply.id}`,
        message: `needs a label: canned.${reply.id}.label`,
      });
    }
  }
  return { replies: [...byId.values()], problems };
}
