import { type FastifyReply, type FastifyRequest, type FastifyServerOptions, LogController } from 'fastify';

/**
 * What the server logs, and what it never logs.
 *
 * - No client address, ever: not the socket's, not X-Forwarded-For's (`TRUST_PROXY`), in no line and
 *   at no level. Fastify's request serializer adds `remoteAddress` and `remotePort`; it is replaced
 *   here, and the log controller below never hands a request object to the logger at all.
 * - No request line for the reporter's side (the app's files, `/api/v1/config`, `/api/v1/reports…`,
 *   `/api/v1/uploads…`, and any other path not listed in `OPERATOR_PATHS`). A line with a millisecond
 *   timestamp for `POST /api/v1/reports` lines up with `reports.created_at`; next to anything that
 *   knows who connected when (a proxy's access log, a network log), that names the child. Without the
 *   line there is nothing to join. Coarsening the time was the other option: at low traffic even a
 *   minute-wide time joins, so the line goes. A reporter-route failure (5xx) is still logged, by the
 *   error handler, with the error's class and stack and the request id only.
 * - Request lines for staff, partner and operator routes: method, path without query string, status
 *   and duration. Request bodies never (Fastify does not log them and no route may); credentials in
 *   headers are redacted in case a serializer ever includes them.
 */
const OPERATOR_PATHS = ['/api/v1/staff/', '/api/v1/partner/', '/console', '/healthz', '/readyz', '/api/docs'];

/** True for routes whose request lines may be logged; every other path is the reporter's. */
export function isOperatorPath(url: string): boolean {
  const path = pathOf(url);
  return OPERATOR_PATHS.some((p) => path === p || path.startsWith(p.endsWith('/') ? p : `${p}/`));
}

const pathOf = (url: string) => url.split(/[?#]/, 1)[0] ?? '';

/** The only request fields a log line holds. */
function requestLine(request: FastifyRequest): { method: string; path: string } {
  return { method: request.method, path: pathOf(request.url) };
}

/** pino options for the server; `stream` is where lines go (default stdout). */
export function loggerOptions(
  level: string,
  stream?: { write(line: string): unknown },
): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: {
      // Replaces Fastify's, which adds remoteAddress, remotePort and host.
      req: (req: { method?: string; url?: string; path?: string }) => ({
        method: req.method,
        path: req.path ?? pathOf(req.url ?? ''),
      }),
    },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["idempotency-key"]',
        'res.headers["set-cookie"]',
        'headers.authorization',
        'headers.cookie',
      ],
      censor: '[redacted]',
    },
  };
}

/**
 * Fastify's per-request log lines, without the client's address and without any line for the
 * reporter's routes (see above). Errors answered by our own error handler are logged there.
 */
export class RequestLogController extends LogController {
  constructor() {
    super({ disableRequestLogging: (request: FastifyRequest) => !isOperatorPath(request.url) });
  }

  override incomingRequest(request: FastifyRequest): void {
    if (this.isLogDisabled(request)) return;
    request.log.info({ req: requestLine(request) }, 'incoming request');
  }

  override defaultErrorLog(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const level = reply.statusCode >= 500 ? 'error' : 'info';
    reply.log[level]({ req: requestLine(request), res: reply, err: error }, error?.message);
  }

  override writeHeadError(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    reply.log.warn({ req: requestLine(request), res: reply, err: error }, error?.message);
  }

  override routeNotFound(request: FastifyRequest): void {
    if (this.isLogDisabled(request)) return;
    request.log.info({ req: requestLine(request) }, 'route not found');
  }
}
