/**
 * `BLOB_STORE_URL`: where evidence lives when it is not on local disk.
 *
 *   s3://<bucket>[/<prefix>]?endpoint=<http(s) URL>&region=<region>&forcePathStyle=<true|false>
 *
 * Credentials never go in the URL (it is easy to log by mistake): the AWS SDK's own chain reads them
 * (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, a web identity token in Kubernetes, an instance role).
 */
export type S3Location = {
  bucket: string;
  /** Prepended to every key, without a trailing slash; '' for the bucket's root. */
  prefix: string;
  /** An S3-compatible service's address; absent: AWS itself. */
  endpoint?: string;
  region?: string;
  /** Path-style addressing (`endpoint/bucket/key`): the default with an endpoint, as most S3-compatible servers need. */
  forcePathStyle: boolean;
};

const bucketName = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const prefixSegment = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}$/;
const known = new Set(['endpoint', 'region', 'forcePathStyle']);

/** The parsed location, or a sentence saying what is wrong (never quoting the value). */
export function parseBlobStoreUrl(value: string): S3Location | string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be a URL like s3://bucket?endpoint=…';
  }
  if (url.protocol !== 's3:') return 'only s3:// is supported (leave it unset for local disk)';
  if (url.username || url.password) {
    return 'must not carry credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead';
  }
  if (!bucketName.test(url.hostname)) return 'names no valid bucket';
  const prefix = url.pathname.replace(/^\/+|\/+$/g, '');
  if (prefix && !prefix.split('/').every((s) => prefixSegment.test(s) && s !== '.' && s !== '..')) {
    return 'has an invalid key prefix';
  }
  for (const name of url.searchParams.keys()) {
    if (!known.has(name)) return `has an unknown parameter (known: ${[...known].join(', ')})`;
  }
  const endpoint = url.searchParams.get('endpoint') ?? undefined;
  if (endpoint !== undefined) {
    let parsed: URL;
    try {
      parsed = new URL(endpoint);
    } catch {
      return 'has an endpoint that is not a URL';
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
      return 'has an endpoint that is not http(s)';
    if (parsed.username || parsed.password) return 'has an endpoint that carries credentials';
  }
  const pathStyle = url.searchParams.get('forcePathStyle');
  if (pathStyle !== null && pathStyle !== 'true' && pathStyle !== 'false') {
    return 'forcePathStyle must be true or false';
  }
  const region = url.searchParams.get('region') ?? undefined;
  return {
    bucket: url.hostname,
    prefix,
    ...(endpoint ? { endpoint } : {}),
    ...(region ? { region } : {}),
    forcePathStyle: pathStyle === null ? endpoint !== undefined : pathStyle === 'true',
  };
}

export function blobStoreUrlProblem(value: string): string | undefined {
  const parsed = parseBlobStoreUrl(value);
  return typeof parsed === 'string' ? parsed : undefined;
}
