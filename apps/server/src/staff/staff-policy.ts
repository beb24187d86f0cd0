import type { CategoryCode, ReportState, UrgencyFlag } from '@vangnet/core';
import {
  PERMISSIONS,
  type Permission,
  type PermissionOverrides,
  STAFF_ROLES,
} from '@vangnet/core/permissions/permissions';
import type { StatusTransition } from '@vangnet/core/permissions/status-change';

/**
 * The parts of the country pack the staff API follows: who may do what, which status changes are
 * allowed, what makes a case urgent. Read from the pack when it carries them (`meta.*` of the pack
 * schema), otherwise the defaults below, so the API works before a pack is wired in.
 */
export type StaffPolicy = {
  permissions: PermissionOverrides;
  transitions?: readonly StatusTransition[];
  urgentWhen: readonly UrgencyFlag[];
  urgentCategories: readonly CategoryCode[];
  /** ISO 8601 durations, e.g. `PT24H`. */
  firstContact: { default: string; urgent: string };
};

type PackMetaLike = {
  sla?: {
    urgentWhen?: UrgencyFlag[];
    urgentCategories?: CategoryCode[];
    firstContact?: { default: string; urgent: string };
  };
  statusWorkflow?: { transitions: { from: ReportState[]; to: ReportState; requires?: string[] }[] };
  rolePermissions?: Partial<Record<string, string[]>>;
};

/** The server's `ActivePack` carries the checked pack as `countryPack`; a bare pack has `meta` itself. */
type PackLike = { countryPack?: { meta?: PackMetaLike }; meta?: PackMetaLike };

const DEFAULTS = {
  urgentWhen: ['danger', 'selfHarm'],
  urgentCategories: ['self-harm'],
  firstContact: { default: 'PT24H', urgent: 'PT1H' },
} as const satisfies Pick<StaffPolicy, 'urgentWhen' | 'urgentCategories' | 'firstContact'>;

function overridesOf(raw: Partial<Record<string, string[]>> | undefined): PermissionOverrides {
  const out: PermissionOverrides = {};
  for (const role of STAFF_ROLES) {
    const list = raw?.[role];
    // The pack checker refuses unknown names; here they are simply never granted.
    if (list) out[role] = list.filter((p): p is Permission => (PERMISSIONS as readonly string[]).includes(p));
  }
  return out;
}

export function staffPolicyOf(pack: unknown): StaffPolicy {
  const meta = (pack as PackLike).countryPack?.meta ?? (pack as PackLike).meta;
  return {
    permissions: overridesOf(meta?.rolePermissions),
    ...(meta?.statusWorkflow ? { transitions: meta.statusWorkflow.transitions } : {}),
    urgentWhen: meta?.sla?.urgentWhen ?? DEFAULTS.urgentWhen,
    urgentCategories: meta?.sla?.urgentCategories ?? DEFAULTS.urgentCategories,
    firstContact: meta?.sla?.firstContact ?? DEFAULTS.firstContact,
  };
}
