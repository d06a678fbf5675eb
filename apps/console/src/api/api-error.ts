/** One problem of a 400: `path` (profiles) or `field` names where, `rule` what. */
export interface ApiErrorDetail {
  field?: string;
  path?: string;
  rule?: string;
  message: string;
}

/** A request that did not succeed: the API's `{ error: { code, message, details } }`, or the network's failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
  ) {
    super(message);
  }

  /** What the page says: the API's own words, prefixed so that an outage reads as one. */
  get summary(): string {
    if (this.status === 0) return `The API could not be reached: ${this.message}`;
    if (this.status === 503) return `The service is unavailable just now (503): ${this.message} Try again shortly.`;
    if (this.status === 401) return `Not signed in (401): ${this.message}`;
    if (this.status >= 500) return `The server failed (${this.status}): ${this.message}`;
    return this.message;
  }
}

/** Reads an error answer; a body that is not the API's shape (a proxy's page) still gives a message. */
export function apiErrorOf(status: number, text: string): ApiError {
  try {
    const parsed = JSON.parse(text) as { error?: { code?: string; message?: string; details?: ApiErrorDetail[] } };
    if (parsed.error?.message) return new ApiError(status, parsed.error.code ?? 'error', parsed.error.message, parsed.error.details ?? []);
  } catch {
    // not JSON: fall through
  }
  return new ApiError(status, 'http_error', text.trim().slice(0, 200) || `HTTP ${status}`);
}
