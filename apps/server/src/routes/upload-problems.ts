import { type CancellationContext, ERRORS, Server as TusServer } from '@tus/server';
import { Problem, type ProblemBody } from '../http/problem.ts';

const unsupportedExtension = () =>
  new Problem(400, 'upload.unsupported-extension', 'This server does not offer that tus extension');

/**
 * tus answers its protocol errors (offset conflict, missing headers, size exceeded…) as text/plain
 * sentences. Each becomes a problem with a stable code, recognised by the tus error it came from.
 * Extensions this server does not offer (concatenation, deferred length) are the client's mistake
 * here, so they are a 400, not tus's 501.
 */
const tusProblems = new Map<string, Problem>([
  [ERRORS.MISSING_OFFSET.body, new Problem(400, 'upload.offset-missing', 'Send an Upload-Offset header')],
  [
    ERRORS.INVALID_CONTENT_TYPE.body,
    new Problem(415, 'upload.unsupported-media-type', 'Upload data must be application/offset+octet-stream'),
  ],
  [ERRORS.FILE_NOT_FOUND.body, new Problem(404, 'upload.not-found', 'No such upload')],
  [
    ERRORS.INVALID_OFFSET.body,
    new Problem(
      409,
      'upload.offset-mismatch',
      'Upload-Offset differs from what the server has; ask with HEAD',
    ),
  ],
  [ERRORS.FILE_NO_LONGER_EXISTS.body, new Problem(410, 'upload.gone', 'This upload has expired')],
  [ERRORS.ERR_SIZE_EXCEEDED.body, new Problem(413, 'upload.too-large', 'More data than the upload length')],
  [ERRORS.ERR_MAX_SIZE_EXCEEDED.body, new Problem(413, 'upload.too-large', 'The upload is too large')],
  [
    ERRORS.INVALID_LENGTH.body,
    new Problem(400, 'upload.length-missing', 'Send an Upload-Length header with the size of the item'),
  ],
  [ERRORS.INVALID_METADATA.body, new Problem(400, 'upload.invalid-metadata', 'Upload-Metadata is not valid')],
  [ERRORS.ABORTED.body, new Problem(409, 'upload.busy', 'Another request is writing this upload; try again')],
  [
    ERRORS.INVALID_TERMINATION.body,
    new Problem(409, 'upload.already-complete', 'This upload is complete and cannot be removed'),
  ],
  [ERRORS.UNSUPPORTED_CONCATENATION_EXTENSION.body, unsupportedExtension()],
  [ERRORS.UNSUPPORTED_CREATION_DEFER_LENGTH_EXTENSION.body, unsupportedExtension()],
  [ERRORS.UNSUPPORTED_EXPIRATION_EXTENSION.body, unsupportedExtension()],
]);

/** The problem for an error answer tus produced itself: by its sentence, else by its status. */
export function tusProblem(status: number, body: string): Problem {
  const known = tusProblems.get(body);
  if (known) return known;
  if (status === 412) {
    return new Problem(412, 'upload.tus-version', 'Send Tus-Resumable: 1.0.0 with every upload request');
  }
  if (status === 404) return new Problem(404, 'upload.not-found', 'No such upload');
  if (status >= 400 && status < 500) {
    // tus's own header check ("Invalid upload-length"): the sentence names a header, never a value.
    return new Problem(status, 'upload.invalid-headers', 'The tus headers of this request are not valid');
  }
  return new Problem(500, 'internal', 'Something went wrong on our side');
}

const isProblemBody = (body: string): boolean => {
  try {
    return typeof (JSON.parse(body) as Partial<ProblemBody>).code === 'string';
  } catch {
    return false;
  }
};

/**
 * tus's server with every error answer in problem+json. All of them (those from hooks, mapped by
 * `onResponseError`, and the protocol answers tus writes directly) pass through `write`.
 */
export class ProblemTusServer extends TusServer {
  override async write(context: CancellationContext, headers: Headers, status: number, body = '') {
    if (status < 400) return super.write(context, headers, status, body);
    headers.set('Content-Type', 'application/problem+json');
    if (isProblemBody(body)) return super.write(context, headers, status, body);
    const problem = tusProblem(status, body);
    return super.write(context, headers, problem.status, JSON.stringify(problem.toBody()));
  }
}
