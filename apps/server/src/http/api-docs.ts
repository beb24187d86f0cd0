import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** Registers the OpenAPI generator; must run before any route so every route is collected. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Vangnet API',
        version: '1',
        description: [
          'Reports are sealed on the device; this API only ever sees ciphertext and clear routing metadata.',
          'Evidence items are uploaded with tus 1.0 (resumable) at /api/v1/uploads: Authorization: Bearer',
          '<access token>, Upload-Metadata reportId and itemId, Upload-Length equal to the declared size.',
          'A finished upload whose SHA-256 differs from the declared one is deleted (422 evidence.hash-mismatch).',
          'Errors are application/problem+json with a stable `code`.',
        ].join(' '),
      },
      components: {
        securitySchemes: {
          accessToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'The receipt-derived access token (hex).',
          },
          session: { type: 'apiKey', in: 'cookie', name: 'vangnet_session' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

type OpenApiDoc = {
  paths?: Record<string, Record<string, { summary?: string; description?: string; tags?: string[] }>>;
};

/** `/api/docs`: a plain page listing the operations (no script, no CDN), and the JSON beside it. */
export function registerApiDocsRoutes(app: FastifyInstance): void {
  app.get('/api/docs/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/api/docs', { schema: { hide: true } }, async (_request, reply) => {
    const doc = app.swagger() as OpenApiDoc;
    const rows = Object.entries(doc.paths ?? {}).flatMap(([path, ops]) =>
      Object.entries(ops).map(
        ([method, op]) =>
          `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escapeHtml(path)}</code></td><td>${escapeHtml(op.summary ?? op.description ?? '')}</td></tr>`,
      ),
    );
    const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Vangnet API</title></head>
<body><main><h1>Vangnet API</h1>
<p>The machine-readable document: <a href="/api/docs/openapi.json">openapi.json</a> (OpenAPI 3.1).</p>
<table><caption>Operations</caption><thead><tr><th scope="col">Method</th><th scope="col">Path</th><th scope="col">What it does</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></main></body></html>`;
    return reply.type('text/html; charset=utf-8').send(html);
  });
}
