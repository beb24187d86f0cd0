import type { Permission } from '@vangnet/core/permissions/permissions';
import { can } from '@vangnet/core/permissions/permissions';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/open-database.ts';
import { Problem } from '../http/problem.ts';
import { isSessionToken, SESSION_ABSOLUTE_MS, SESSION_COOKIE } from './session-token.ts';
import { resolveSession } from './sessions.ts';
import type { StaffPolicy } from './staff-policy.ts';
import type { WorkerView } from './workers.ts';

/**
 * The session cookie. HttpOnly so page scripts cannot read it, SameSite=Strict so another site cannot
 * make the browser send it (no CSRF token needed), Secure when the request came over HTTPS, and
 * scoped to the staff API path.
 */
const COOKIE_PATH = '/api/v1/staff';

export function readSessionToken(request: FastifyRequest): string | null {
  const header = request.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return isSessionToken(value) ? value : null;
    }
  }
  return null;
}

function cookieAttributes(request: FastifyRequest): string {
  return `Path=${COOKIE_PATH}; HttpOnly; SameSite=Strict${request.protocol === 'https' ? '; Secure' : ''}`;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.header(
    'set-cookie',
    `${SESSION_COOKIE}=${token}; Max-Age=${SESSION_ABSOLUTE_MS / 1000}; ${cookieAttributes(request)}`,
  );
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('set-cookie', `${SESSION_COOKIE}=; Max-Age=0; ${cookieAttributes(request)}`);
}

export const signedOut = () => new Problem(401, 'staff.signed-out', 'Sign in to continue');
export const forbidden = () => new Problem(403, 'staff.forbidden', 'Your role may not do this');

/** Workers already resolved for a request (by the session gate), so a route does not look again. */
const resolvedWorkers = new WeakMap<FastifyRequest, WorkerView>();

/** What a session that may only add a passkey (`passkey-enrolment`) can reach. */
const ENROLMENT_ROUTES: ReadonlySet<string> = new Set([
  `${COOKIE_PATH}/me`,
  `${COOKIE_PATH}/passkeys`,
  `${COOKIE_PATH}/passkeys/options`,
]);

export const passkeyEnrolmentRequired = () =>
  new Problem(403, 'staff.passkey-enrolment-required', 'Add a passkey before you continue');

/** The signed-in worker, or a 401 problem (403 when the session may only add a passkey). */
export async function requireWorker(db: Db, request: FastifyRequest, now = new Date()): Promise<WorkerView> {
  const known = resolvedWorkers.get(request);
  if (known) return known;
  const token = readSessionToken(request);
  const resolved = token ? await resolveSession(db, token, now) : null;
  if (!resolved) throw signedOut();
  if (resolved.scope !== 'full' && !ENROLMENT_ROUTES.has(request.routeOptions.url ?? '')) {
    throw passkeyEnrolmentRequired();
  }
  resolvedWorkers.set(request, resolved.worker);
  return resolved.worker;
}

/** The signed-in worker when their role has `permission`; 401 or 403 otherwise. */
export async function requirePermission(
  db: Db,
  policy: StaffPolicy,
  request: FastifyRequest,
  permission: Permission,
): Promise<WorkerView> {
  const worker = await requireWorker(db, request);
  if (!can(worker.role, permission, policy.permissions)) throw forbidden();
  return worker;
}
