/**
 * The one way the console talks to the server: same origin, JSON, the session cookie (HttpOnly,
 * SameSite=Strict) sent by the browser. Errors arrive as problem+json with a stable `code`, which the
 * screens translate; the raw `detail` is never shown, so nothing sensitive is echoed back.
 */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  readonly code: string;
  /** Field names the server named in `errors[].path` (`body.reason` → `reason`). */
  readonly fields: string[];
  constructor(status: number, code: string, fields: string[] = []) {
    super(`${status} ${code}`);
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

/** Called when a request comes back 401, so the app can drop the keys and show the sign-in screen. */
let onUnauthorised: () => void = () => {};
export function setUnauthorisedHandler(handler: () => void): void {
  onUnauthorised = handler;
}

async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  let response: Response;
  try {
    response = await fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network.offline');
  }
  if (!response.ok) {
    let code = `http.${response.status}`;
    let fields: string[] = [];
    try {
      const problem = (await response.json()) as { code?: unknown; errors?: { path?: unknown }[] };
      if (typeof problem.code === 'string') code = problem.code;
      if (Array.isArray(problem.errors)) {
        fields = problem.errors.flatMap((e) =>
          typeof e.path === 'string' ? [e.path.replace(/^body\./, '')] : [],
        );
      }
    } catch {
      // Not problem+json (a proxy's error page, say): keep the status code.
    }
    if (
      response.status === 401 &&
      !path.startsWith('/staff/prelogin') &&
      !path.startsWith('/staff/login') &&
      !path.startsWith('/staff/passkey-login')
    ) {
      onUnauthorised();
    }
    throw new ApiError(response.status, code, fields);
  }
  return response;
}

export async function getJson<T>(path: string): Promise<T> {
  return (await (await send('GET', path)).json()) as T;
}

export async function postJson<T>(path: string, body: unknown, idempotencyKey?: string): Promise<T> {
  const response = await send(
    'POST',
    path,
    body,
    idempotencyKey ? { 'idempotency-key': idempotencyKey } : {},
  );
  const text = await response.text();
  return (text ? JSON.parse(text) : {}) as T;
}

/** PUT for idempotent settings (a legal hold): the same value twice changes nothing. */
export async function putJson<T>(path: string, body: unknown): Promise<T> {
  const text = await (await send('PUT', path, body)).text();
  return (text ? JSON.parse(text) : {}) as T;
}

export async function getBytes(path: string): Promise<Uint8Array> {
  return new Uint8Array(await (await send('GET', path)).arrayBuffer());
}

export async function deleteJson(path: string): Promise<void> {
  await send('DELETE', path);
}
