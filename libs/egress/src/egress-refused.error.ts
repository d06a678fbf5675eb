/**
 * A connection the SSRF policy refused. Carries a code of its own so that whoever sees it
 * wrapped by the HTTP client (as `error.code` or `error.cause.code`) can tell it from a
 * network failure: a network failure is worth retrying, a refused target is not.
 */
export class EgressRefusedError extends Error {
  readonly code = 'EGRESS_REFUSED';

  constructor(message: string) {
    super(message);
    this.name = 'EgressRefusedError';
  }
}

/** True when `error`, or the error it wraps, is a refusal by the egress policy. */
export function isEgressRefusal(error: unknown): error is Error {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if ((current as { code?: unknown }).code === 'EGRESS_REFUSED') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
