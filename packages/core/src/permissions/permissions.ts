import { z } from 'zod/mini';

/**
 * Who may do what, as data (issue 4: "permissions as data, per country pack"). The server checks
 * `can()` on every staff request; a country pack may replace the list of any role.
 */
export const STAFF_ROLES = ['caseworker', 'supervisor', 'admin', 'analyst'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const PERMISSIONS = [
  /** See the queue: clear metadata only. */
  'case.list',
  /** Open a case: clear metadata, receipt, integrity data. */
  'case.read',
  /** Fetch a case's sealed body, evidence and messages (only a browser with the helpline key opens them). */
  'case.readSealed',
  'case.message',
  'case.status',
  'case.assign',
  /** Read a case's audit trail. */
  'case.audit',
  'case.export',
  'case.correctMetadata',
  'stats.read',
  'worker.manage',
  /** Import known-image hash lists (docs/hash-only-reports.md). */
  'hashes.import',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const CASE_WORK: readonly Permission[] = [
  'case.list',
  'case.read',
  'case.readSealed',
  'case.message',
  'case.status',
  'case.assign',
  'case.export',
  'case.correctMetadata',
];

/** The default table. Analysts see figures only, never a case. */
export const DEFAULT_ROLE_PERMISSIONS: Readonly<Record<StaffRole, readonly Permission[]>> = {
  caseworker: CASE_WORK,
  supervisor: [...CASE_WORK, 'case.audit', 'stats.read'],
  admin: [...CASE_WORK, 'case.audit', 'stats.read', 'worker.manage', 'hashes.import'],
  analyst: ['stats.read'],
};

/** What a country pack may set: a role's full permission list replaces the default one. */
export const permissionOverridesSchema = z.partialRecord(z.enum(STAFF_ROLES), z.array(z.enum(PERMISSIONS)));
export type PermissionOverrides = Partial<Record<StaffRole, readonly Permission[]>>;

export function permissionsOf(role: StaffRole, overrides?: PermissionOverrides): readonly Permission[] {
  return overrides?.[role] ?? DEFAULT_ROLE_PERMISSIONS[role];
}

export function can(role: StaffRole, permission: Permission, overrides?: PermissionOverrides): boolean {
  return permissionsOf(role, overrides).includes(permission);
}

/**
 * Permissions that open case content. An override must not grant them to an analyst: the analyst
 * role is defined as "no case content" (issue 4), so a pack that tries is a mistake to report.
 */
export const CASE_CONTENT_PERMISSIONS: readonly Permission[] = [
  'case.read',
  'case.readSealed',
  'case.message',
  'case.export',
  'case.audit',
];

/** Problems with an override map, as `{role, permission, message}` for a pack checker to print. */
export function checkPermissionOverrides(
  overrides: PermissionOverrides,
): { role: StaffRole; permission: Permission; message: string }[] {
  const problems: { role: StaffRole; permission: Permission; message: string }[] = [];
  for (const permission of overrides.analyst ?? []) {
    if (CASE_CONTENT_PERMISSIONS.includes(permission)) {
      problems.push({ role: 'analyst', permission, message: 'analysts may not see case content' });
    }
  }
  return problems;
}
