/**
 * A server fault with a detail for the operator: the app logs `detail` (PHI-free: field paths,
 * record ids, counts; never request or record content) and answers 500 `internal` with the
 * generic message. The detail is never sent to the client.
 */
export class InternalError extends Error {
  override readonly name = 'InternalError';

  constructor(readonly detail: string) {
    super(detail);
  }
}

export function isInternalError(e: unknown): e is InternalError {
  return e instanceof InternalError;
}
