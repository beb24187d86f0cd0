import type { FastifyServerOptions } from 'fastify';

/**
 * pino options for the server. Request bodies are never logged (Fastify does not by default, and no
 * route may log one); credentials in headers are removed in case a serializer ever includes them.
 */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
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
