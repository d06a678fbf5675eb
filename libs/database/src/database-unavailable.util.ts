/**
 * Whether an error says Postgres could not be reached or went away, rather than that a
 * statement was wrong: the caller answers 503 or waits, where any other error is a bug.
 *
 * Recognised: the socket errors of a server that is down or unreachable; SQLSTATE class 08
 * (connection exception) and 57P01–57P03 (the server shutting down, crashed, or starting up);
 * 53300 (too many connections); and node-postgres's own messages for a connection that
 * ended or could not be made in time, which carry no code. TypeORM keeps the driver's error
 * as `driverError`; it is looked at too.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const candidate of [error, (error as { driverError?: unknown } | null)?.driverError]) {
    if (!candidate || typeof candidate !== 'object') continue;
    const { code, message } = candidate as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (UNREACHABLE_CODES.has(code) || code.startsWith('08') || SERVER_GONE_CODES.has(code))) return true;
    if (typeof message === 'string' && CONNECTION_LOST_MESSAGES.some((pattern) => pattern.test(message))) return true;
  }
  return false;
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const SERVER_GONE_CODES = new Set(['57P01', '57P02', '57P03', '53300']);
const CONNECTION_LOST_MESSAGES = [/^Connection terminated/, /timeout exceeded when trying to connect/, /Client has encountered a connection error and is not queryable/];
