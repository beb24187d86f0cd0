import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifyServerOptions,
} from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isDataException } from '../services/db-errors.ts';

/** One entry per invalid field; `path` is dotted, starting with where it was (`body.metadata.category`). */
export type ProblemFieldError = { path: string; message: string };

export type ProblemBody = {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: ProblemFieldError[];
};

/**
 * An error the client can act on, sent as `application/problem+json` (RFC 9457). `code` is the stable
 * key apps translate; `title` is English for people reading the API. Never put sealed content,
 * receipt codes, tokens or contact details in any field.
 */
export class Problem extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: ProblemFieldError[] | undefined;
  constructor(status: number, code: string, title: string, detail?: string, errors?: ProblemFieldError[]) {
    super(title);
    this.status = status;
    this.code = code;
    this.title = title;
    this.detail = detail;
    this.errors = errors;
    this.name = 'Problem';
  }

  toBody(): ProblemBody {
    return {
      type: problemType(this.code),
      title: this.title,
      status: this.status,
      code: this.code,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

export const problemType = (code: string) => `urn:vangnet:problem:${code}`;

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Gives a validation failure at a path its own problem code, e.g.
     * `{ 'body.metadata.category': 'report.unknown-category' }`, so apps can say exactly what is wrong.
     */
    problemCodes?: Record<string, string>;
  }
}

/** Framework errors with a 4xx status, by Fastify code: fixed titles so no input is echoed. */
const frameworkProblems: Record<string, { code: string; title: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'request.too-large', title: 'The request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'request.unsupported-media-type',
    title: 'This content type is not accepted here',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'request.invalid-content-length',
    title: 'The Content-Length header does not match the body',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'request.empty-body', title: 'The request body is empty' },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    code: 'request.malformed-json',
    title: 'The request body is not valid JSON',
  },
  FST_ERR_RATE_LIMIT: { code: 'rate-limited', title: 'Too many requests; try again later' },
  FST_ERR_BAD_URL: { code: 'request.bad-url', title: 'The URL is not valid (bad percent-encoding)' },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'request.url-too-long', title: 'A part of the URL is too long' },
  FST_ERR_NOT_FOUND: { code: 'not-found', title: 'Nothing here' },
};

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json').send(problem.toBody());
}

function toProblem(error: FastifyError | Error, request: FastifyRequest): Problem | undefined {
  if (error instanceof Problem) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = (error as FastifyError).validationContext ?? 'body';
    const errors = error.validation.map((v) => ({
      path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
      message: v.message ?? 'Invalid value',
    }));
    const codes = request.routeOptions.config?.problemCodes ?? {};
    const special = errors.map((e) => codes[e.path]).find((c) => c !== undefined);
    return new Problem(400, special ?? 'request.invalid', 'The request is not valid', undefined, errors);
  }
  const status = (error as FastifyError).statusCode;
  const known = frameworkProblems[(error as FastifyError).code ?? ''];
  if (status === 429 || (error as FastifyError).code === 'FST_ERR_RATE_LIMIT') {
    return new Problem(429, 'rate-limited', 'Too many requests; try again later');
  }
  if (known && status) return new Problem(status, known.code, known.title);
  // The safety net behind the schemas: a value the database cannot take (a NUL in text, a malformed
  // UUID or number: SQLSTATE class 22) is the client's input, not our failure.
  if (isDataException(error)) {
    return new Problem(400, 'request.invalid-value', 'A value in the request cannot be stored');
  }
  if (status && status >= 400 && status < 500) {
    // Another client error from the framework (e.g. a malformed header): say so, without its message.
    if ((error as SyntaxError).name === 'SyntaxError') {
      return new Problem(400, 'request.malformed-json', 'The request body is not valid JSON');
    }
    return new Problem(status, 'request.invalid', 'The request is not valid');
  }
  return undefined;
}

/** One error handler for the whole API; 5xx answers say nothing about what went wrong inside. */
export function registerProblemHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toProblem(error, request);
    if (problem) return sendProblem(reply, problem);
    // Only the error's class and stack are logged: messages can carry driver details, never bodies.
    request.log.error({ err: { type: error.name, code: error.code, stack: error.stack } }, 'request failed');
    return sendProblem(reply, new Problem(500, 'internal', 'Something went wrong on our side'));
  });
}

export const notFoundProblem = () => new Problem(404, 'not-found', 'Nothing here');

/**
 * Node refuses some requests before Fastify sees them (headers too large, a malformed request line or
 * header): Fastify then writes a plain-JSON answer straight to the socket. This writes a problem.
 */
function problemOnSocket(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const problem =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new Problem(431, 'request.headers-too-large', 'The request headers or URL are too large')
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? new Problem(408, 'request.timeout', 'The request took too long to arrive')
        : new Problem(400, 'request.malformed-http', 'The request is not well-formed HTTP');
  const body = JSON.stringify(problem.toBody());
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n` +
        `Content-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/**
 * Fastify constructor options for the errors that happen before routing: a URL that cannot be decoded
 * or a path parameter beyond the router's limit (`frameworkErrors`), and requests Node itself refuses
 * (`clientErrorHandler`). Both answer problem+json like the rest.
 */
export const frameworkErrorOptions: Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler'> = {
  frameworkErrors: (error, request, reply) =>
    sendProblem(
      reply,
      toProblem(error, request) ?? new Problem(400, 'request.invalid', 'The request is not valid'),
    ),
  clientErrorHandler: problemOnSocket,
};
