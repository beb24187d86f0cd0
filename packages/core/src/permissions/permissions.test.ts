import { describe, expect, it } from 'vitest';
import {
  can,
  checkPermissionOverrides,
  DEFAULT_ROLE_PERMISSIONS,
  PERMISSIONS,
  type Permission,
  permissionOverridesSchema,
  STAFF_ROLES,
  type StaffRole,
} from './permissions.ts';

// The default table, read as a spec: one row per permission, one column per role.
const table: [Permission, caseworker: boolean, supervisor: boolean, admin: boolean, analyst: boolean][] = [
  ['case.list', true, true, true, false],
  ['case.read', true, true, true, false],
  ['case.readSealed', true, true, true, false],
  ['case.message', true, true, true, false],
  ['case.status', true, true, true, false],
  ['case.assign', true, true, true, false],
  ['case.audit', false, true, true, false],
  ['case.export', true, true, true, false],
  ['case.correctMetadata', true, true, true, false],
  ['stats.read', false, true, true, true],
  ['worker.manage', false, false, true, false],
  ['hashes.import', false, false, true, false],
];

describe('default role permissions', () => {
  it('covers every permission', () => {
    expect(table.map(([p]) => p).sort()).toEqual([...PERMISSIONS].sort());
  });

  it.each(table)('%s: caseworker %s, supervisor %s, admin %s, analyst %s', (permission, ...allowed) => {
    STAFF_ROLES.forEach((role, i) => {
      expect(can(role, permission), role).toBe(allowed[i]);
    });
  });

  it('gives analysts no case permission at all', () => {
    expect(DEFAULT_ROLE_PERMISSIONS.analyst.filter((p) => p.startsWith('case.'))).toEqual([]);
  });
});

describe('country pack overrides', () => {
  const overrides = {
    caseworker: ['case.list', 'case.read', 'case.readSealed', 'case.message', 'case.audit'] as Permission[],
  };

  it.each<[StaffRole, Permission, boolean]>([
    ['caseworker', 'case.audit', true],
    ['caseworker', 'case.status', false],
    ['supervisor', 'case.audit', true],
    ['analyst', 'case.read', false],
  ])('%s may %s: %s', (role, permission, expected) => {
    expect(can(role, permission, overrides)).toBe(expected);
  });

  it('parses a valid override map and rejects unknown roles and permissions', () => {
    expect(permissionOverridesSchema.safeParse(overrides).success).toBe(true);
    expect(permissionOverridesSchema.safeParse({}).success).toBe(true);
    expect(permissionOverridesSchema.safeParse({ intern: ['case.list'] }).success).toBe(false);
    expect(permissionOverridesSchema.safeParse({ caseworker: ['case.delete'] }).success).toBe(false);
  });

  it('reports an override that would show case content to analysts', () => {
    expect(checkPermissionOverrides({ analyst: ['stats.read', 'case.readSealed'] })).toEqual([
      { role: 'analyst', permission: 'case.readSealed', message: 'analysts may not see case content' },
    ]);
    expect(checkPermissionOverrides(overrides)).toEqual([]);
  });
});
