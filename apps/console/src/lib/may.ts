import {
  can,
  type Permission,
  type PermissionOverrides,
  type StaffRole,
} from '@vangnet/core/permissions/permissions';
import type { PublicPackView } from './instance.ts';
import { currentSession } from './session.ts';

/**
 * Whether the signed-in worker's role has a permission, by the same table the server checks (the
 * pack's `rolePermissions` when it sends them). Only hides controls: the server still decides.
 */
export function workerMay(permission: Permission, pack: PublicPackView | null): boolean {
  const role = currentSession()?.worker.role as StaffRole | undefined;
  if (!role) return false;
  const overrides = (pack?.meta.rolePermissions ?? undefined) as PermissionOverrides | undefined;
  return can(role, permission, overrides);
}
