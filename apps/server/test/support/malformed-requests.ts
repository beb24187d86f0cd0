import { randomUUID } from 'node:crypto';
import fc from 'fast-check';

/**
 * Malformed requests generated from the OpenAPI document, for the bad-input battery: each one is a
 * plausible request to a documented operation with exactly one thing wrong (a path parameter, a query
 * parameter, one body field, the whole body, the content type, a header or the method). New routes are
 * covered as soon as they are in the document.
 */

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  minimum?: number;
  items?: JsonSchema;
};

type OpenApiParameter = { in: string; name: string; required?: boolean; schema?: JsonSchema };
type OpenApiOperation = {
  parameters?: OpenApiParameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
};
export type OpenApiDocument = { paths: Record<string, Record<string, OpenApiOperation>> };

export type Operation = {
  method: string;
  /** The path as documented, with `{name}` placeholders. */
  path: string;
  pathParams: string[];
  query: { name: string; required: boolean }[];
  headers: string[];
  bodySchema: JsonSchema | undefined;
};

export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const params = op.parameters ?? [];
      const content = op.requestBody?.content;
      return {
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, required: !!p.required })),
        headers: params.filter((p) => p.in === 'header').map((p) => p.name),
        bodySchema: content ? (content['application/json']?.schema ?? {}) : undefined,
      };
    }),
  );
}

/** Values that make a request valid enough to reach the handler, so a mutation of one part is tested there. */
export type Baseline = {
  pathParams: Record<string, string>;
  query: Record<string, string>;
  /** By body field name: what a real client sends. */
  fields: Record<string, unknown>;
  /** By operation (`POST /api/v1/reports`): a whole valid body. */
  bodies: Record<string, unknown>;
};

function exampleOf(schema: JsonSchema, baseline: Baseline, name?: string): unknown {
  if (name !== undefined && name in baseline.fields) return baseline.fields[name];
  if (schema.anyOf?.[0]) return exampleOf(schema.anyOf[0], baseline);
  if (schema.enum) return schema.enum[0];
  if ('const' in schema) return schema.const;
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {})
          .filter(([key]) => schema.required?.includes(key))
          .map(([key, value]) => [key, exampleOf(value, baseline, key)]),
      );
    case 'string':
      return 'x'.repeat(Math.max(schema.minLength ?? 1, 1));
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'array':
      return [];
    default:
      return null;
  }
}

export type MalformedRequest = {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
  /** The documented operation (`POST /api/v1/staff/cases/{id}/assign`), for failure messages. */
  operation: string;
  /** What was made wrong, for failure messages. */
  mutation: string;
  auth: Auth;
};

export type Auth = 'none' | 'staff' | 'reporter' | 'garbage';

/** Strings that break something somewhere: NUL, surrogates, bidi, sizes, bad base64 and UUIDs, SQL. */
export const badStrings = [
  '\u0000',
  'case\u0000id',
  '\u0000'.repeat(64),
  'AB==', // matches a loose base64 pattern, does not decode
  'AAB=',
  'A',
  '====',
  'YWdlLWVuY3J5cHRpb24ub3JnL3Yx', // base64 of an age header without its newline
  Buffer.from('age-encryption.org/v1\n-> X25519 broken\n').toString('base64'),
  '00000000-0000-0000-0000-00000000000g',
  'not-a-uuid',
  '',
  ' ',
  '\uD800',
  '\uDFFF\uD800',
  '\uFEFF',
  '\u202Egnp.exe',
  '\u0085\u2028\u2029',
  'e\u0301\u0301\u0301',
  '😀'.repeat(40),
  '../../../etc/passwd',
  "'; drop table reports; --",
  '$1',
  'x'.repeat(5_000),
  'x'.repeat(70_000),
  'NaN',
  '-1',
  '1e309',
  'me',
  'null',
  '%00',
  '\\u0000',
];

const badValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...badStrings) },
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(null, true, 0, -1, 1.5, 1e308, [], {}, [null], [badStrings[0]], {
      ['__proto__']: { polluted: true },
    }),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
);

/** Path segments as they appear on the wire: some are not valid percent-encoding at all. */
const badPathSegments = [
  '%00',
  'a%00b',
  '%ZZ',
  '%',
  '%E0%A4%A',
  '%ED%A0%80',
  '%C0%AF',
  '%FF%FE',
  '..%2F..%2Fetc',
  '%2e%2e',
  'x'.repeat(3_000),
  encodeURIComponent('😀'),
  '%20',
  'null',
  '00000000-0000-0000-0000-00000000000g',
  encodeURIComponent("'; drop table reports; --"),
  '%u0000',
];

const encodeSafely = (value: string) => {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80'; // a lone surrogate, encoded the only way it can be
  }
};

const badSegment: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...badPathSegments) },
  { weight: 2, arbitrary: fc.constantFrom(...badStrings).map(encodeSafely) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).map(encodeSafely) },
);

const rawBodies = [
  '{',
  '{"a":',
  '[',
  '"',
  'nul',
  '\u0000',
  '{"sealed":"\u0000"}', // a raw control character inside a JSON string: not JSON
  '\uFEFF{}',
  '{}garbage',
  '1e999999',
  '-',
  `${'['.repeat(5_000)}${']'.repeat(5_000)}`,
  `${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}`,
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  'x'.repeat(1024 * 1024 + 10), // above the body limit
  '',
];

const contentTypes = [
  'text/plain',
  'application/xml',
  'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded',
  'text/csv',
  'application/json; charset=latin1',
  'application/JSON',
  'application/json-patch+json',
  'application/offset+octet-stream',
  '*/*',
  'application/problem+json',
  ';;;',
];

/** Only printable ASCII: Node refuses other header bytes before any handler (the socket test sends those). */
const headerMutations: fc.Arbitrary<[string, string]> = fc.oneof(
  fc.constantFrom<[string, string]>(
    ['authorization', 'Bearer'],
    ['authorization', 'Bearer '],
    ['authorization', `Bearer ${'g'.repeat(64)}`],
    ['authorization', `Bearer ${'a'.repeat(5_000)}`],
    ['authorization', 'Basic YTpi'],
    ['authorization', `bearer ${'AB'.repeat(32)}`],
    ['cookie', 'vangnet_session='],
    ['cookie', 'vangnet_session=%00'],
    ['cookie', 'vangnet_session="'],
    ['cookie', `vangnet_session=${'a'.repeat(43)}`],
    ['cookie', 'a=b; '.repeat(500)],
    ['idempotency-key', 'short'],
    ['idempotency-key', 'x'.repeat(300)],
    ['idempotency-key', '   '],
    ['idempotency-key', '%00%00%00%00%00%00%00%00'],
    ['accept', 'application/xml'],
    ['x-forwarded-for', 'not an address, 999.1.1.1'],
    ['content-length', '0'],
  ),
  fc
    .tuple(fc.constantFrom('authorization', 'cookie', 'idempotency-key'), fc.string({ maxLength: 80 }))
    .map(([name, value]) => [name, value.replace(/[^\x20-\x7e]/g, '?')] as [string, string]),
);

type Mutation =
  | { kind: 'path'; param: number; value: string }
  | { kind: 'query'; name: string | undefined; value: string; repeat: boolean }
  | { kind: 'field'; at: number; value: unknown; remove: boolean }
  | { kind: 'body'; json: unknown }
  | { kind: 'raw-body'; text: string }
  | { kind: 'content-type'; type: string }
  | { kind: 'header'; header: [string, string] }
  | { kind: 'method'; method: string };

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('path' as const), param: fc.nat(), value: badSegment }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('query' as const),
      name: fc.option(fc.constantFrom('status', 'limit', 'cursor', 'source', 'x'), { nil: undefined }),
      value: badSegment,
      repeat: fc.boolean(),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('field' as const),
      at: fc.nat(),
      value: badValue,
      remove: fc.nat({ max: 4 }).map((n) => n === 0),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('body' as const), json: fc.jsonValue() }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('raw-body' as const), text: fc.constantFrom(...rawBodies) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('content-type' as const),
      type: fc.constantFrom(...contentTypes),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('header' as const), header: headerMutations }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('method' as const),
      method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
    }),
  },
);

/** Every path in a JSON value (objects only, not array elements), parents before children. */
function fieldPaths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => [
    [...prefix, key],
    ...fieldPaths(child, [...prefix, key]),
  ]);
}

function withField(base: unknown, path: string[], value: unknown, remove: boolean): unknown {
  const copy = structuredClone(base) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = path.at(-1)!;
  if (remove) delete node[last];
  // defineProperty, so a `__proto__` key is a plain property that JSON.stringify writes out.
  else Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

export type Credentials = { staffCookie: string; reporterToken: string };

function authHeaders(auth: Auth, credentials: Credentials): Record<string, string> {
  switch (auth) {
    case 'staff':
      return { cookie: credentials.staffCookie };
    case 'reporter':
      return { authorization: `Bearer ${credentials.reporterToken}` };
    case 'garbage':
      return { cookie: `vangnet_session=${'A'.repeat(43)}`, authorization: `Bearer ${'0'.repeat(64)}` };
    case 'none':
      return {};
  }
}

/**
 * A mutation that changes something for this operation: a GET carries no body, so a body mutation
 * becomes a query parameter holding the same value.
 */
function applicable(op: Operation, mutation: Mutation): Mutation {
  if (op.method !== 'GET') return mutation;
  const value =
    mutation.kind === 'field' || mutation.kind === 'body'
      ? (JSON.stringify(mutation.kind === 'field' ? mutation.value : mutation.json) ?? '')
      : mutation.kind === 'raw-body'
        ? mutation.text
        : mutation.kind === 'content-type'
          ? mutation.type
          : undefined;
  if (value === undefined) return mutation;
  return { kind: 'query', name: undefined, value: encodeSafely(value.slice(0, 4000)), repeat: false };
}

/** One request: a baseline request to `op`, with one mutation. */
export function buildRequest(
  op: Operation,
  given: Mutation,
  auth: Auth,
  baseline: Baseline,
  credentials: Credentials,
): MalformedRequest {
  const mutation = applicable(op, given);
  let path = op.path;
  if (mutation.kind === 'path' && op.pathParams.length === 0) path = `${path}/${mutation.value}`;
  op.pathParams.forEach((name, i) => {
    const mutated = mutation.kind === 'path' && mutation.param % op.pathParams.length === i;
    const value = mutated ? mutation.value : encodeURIComponent(baseline.pathParams[name] ?? 'x');
    path = path.replace(`{${name}}`, value);
  });
  const query = new URLSearchParams();
  for (const { name, required } of op.query) {
    if (required) query.set(name, baseline.query[name] ?? 'x');
  }
  let rawQuery = query.toString();
  if (mutation.kind === 'query') {
    const name = mutation.name ?? op.query[0]?.name ?? 'x';
    const pair = `${name}=${mutation.value}`;
    rawQuery = [rawQuery, pair, mutation.repeat ? pair : ''].filter(Boolean).join('&');
  }
  const headers: Record<string, string> = { ...authHeaders(auth, credentials) };
  if (op.headers.includes('idempotency-key')) headers['idempotency-key'] = randomUUID();
  // Signing out would end the battery's own session; it gets a client without one.
  if (op.path.endsWith('/staff/logout') && auth === 'staff') delete headers.cookie;

  const key = `${op.method} ${op.path}`;
  const baseBody =
    op.bodySchema === undefined ? undefined : (baseline.bodies[key] ?? exampleOf(op.bodySchema, baseline));
  let payload = baseBody === undefined ? undefined : JSON.stringify(baseBody);
  let label: string = mutation.kind;
  if (mutation.kind === 'field') {
    const paths = fieldPaths(baseBody);
    const at = paths[mutation.at % Math.max(paths.length, 1)];
    if (at) {
      payload = JSON.stringify(withField(baseBody, at, mutation.value, mutation.remove));
      label = `field ${at.join('.')} ${mutation.remove ? 'removed' : 'replaced'}`;
    } else {
      payload = JSON.stringify(mutation.value);
      label = 'body replaced';
    }
  }
  if (mutation.kind === 'body') payload = JSON.stringify(mutation.json);
  if (mutation.kind === 'raw-body') payload = mutation.text;
  if (payload !== undefined) headers['content-type'] = 'application/json';
  if (mutation.kind === 'content-type') {
    headers['content-type'] = mutation.type;
    payload ??= 'x';
  }
  if (mutation.kind === 'header') {
    headers[mutation.header[0]] = mutation.header[1];
    label = `header ${mutation.header[0]}`;
  }
  const method = mutation.kind === 'method' ? mutation.method : op.method;
  // GET and HEAD carry no body.
  if (method === 'GET' || method === 'HEAD') {
    payload = undefined;
    delete headers['content-type'];
  }
  return {
    method,
    url: rawQuery ? `${path}?${rawQuery}` : path,
    headers,
    ...(payload === undefined ? {} : { payload }),
    operation: key,
    mutation: label,
    auth,
  };
}

const authArbitrary: fc.Arbitrary<Auth> = fc.oneof(
  { weight: 5, arbitrary: fc.constant('staff' as const) },
  { weight: 2, arbitrary: fc.constant('reporter' as const) },
  { weight: 2, arbitrary: fc.constant('none' as const) },
  { weight: 1, arbitrary: fc.constant('garbage' as const) },
);

/** Who can reach an operation's handler: a signed-in worker, the reporter's token, or anyone. */
const authFor = (op: Operation): Auth =>
  op.path.startsWith('/api/v1/staff') ? 'staff' : op.path.startsWith('/api/v1/reports') ? 'reporter' : 'none';

/**
 * The systematic part, as the operation's rightful caller: every path parameter with every bad
 * segment, every query parameter and every body field with every bad string, and each field removed.
 */
export function gridRequests(
  ops: Operation[],
  baseline: Baseline,
  credentials: Credentials,
): MalformedRequest[] {
  return ops.flatMap((op) => {
    const auth = authFor(op);
    const build = (mutation: Mutation) => buildRequest(op, mutation, auth, baseline, credentials);
    const key = `${op.method} ${op.path}`;
    const body =
      op.bodySchema === undefined ? undefined : (baseline.bodies[key] ?? exampleOf(op.bodySchema, baseline));
    const fields = fieldPaths(body).length;
    return [
      ...op.pathParams.flatMap((_, param) =>
        badPathSegments.map((value) => build({ kind: 'path', param, value })),
      ),
      ...op.query.flatMap(({ name }) =>
        badPathSegments.map((value) => build({ kind: 'query', name, value, repeat: false })),
      ),
      ...Array.from({ length: fields }, (_, at) => [
        ...badStrings.map((value) => build({ kind: 'field', at, value, remove: false })),
        build({ kind: 'field', at, value: undefined, remove: true }),
      ]).flat(),
    ];
  });
}

/** `count` requests spread evenly over `ops`, reproducible from `seed`. */
export function malformedRequests(
  ops: Operation[],
  count: number,
  seed: number,
  baseline: Baseline,
  credentials: Credentials,
): MalformedRequest[] {
  const perOp = Math.ceil(count / ops.length);
  return ops.flatMap((op, i) =>
    fc
      .sample(fc.tuple(mutationArbitrary, authArbitrary), { numRuns: perOp, seed: seed + i })
      .map(([mutation, auth]) => buildRequest(op, mutation, auth, baseline, credentials)),
  );
}
