/**
 * What a service says went wrong, in the domain's words rather than HTTP's. The gateway's
 * exception filter turns each kind into its answer once (apps/gateway/src/http); a worker
 * lets the job fail and retry. `code` is the stable snake_case id an API client branches on.
 */
export type DomainErrorKind = 'unavailable' | 'not_found' | 'conflict' | 'refused';

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;

  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A dependency (Redis, Postgres, the queue) did not answer: nothing was decided wrongly, try again after `retryAfterSeconds`. */
export class UnavailableError extends DomainError {
  readonly kind = 'unavailable';

  constructor(code: string, message: string, readonly retryAfterSeconds = 1, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** The thing asked for does not exist (or is not the caller's to see). */
export class NotFoundError extends DomainError {
  readonly kind = 'not_found';

  constructor(what: string) {
    super('not_found', `${what} was not found`);
  }
}

/** The request clashes with the thing's current state (a second decision, a delivery still running). */
export class ConflictError extends DomainError {
  readonly kind = 'conflict';
}

/** A policy refuses the request as asked (an address the egress policy forbids, say); `field` names what to change. */
export class RefusedByPolicyError extends DomainError {
  readonly kind = 'refused';

  constructor(code: string, message: string, readonly field?: string) {
    super(code, message);
  }
}

/** The message of an unknown thrown value, for error texts that name their cause. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
