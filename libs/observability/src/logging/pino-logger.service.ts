import type { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Logger as Pino } from 'pino';
import { currentLogContext } from './log-context';
import { censor, REDACTED_PATHS, scrubSecrets } from './log-redaction';

export type LogLevelName = 'debug' | 'info' | 'warn' | 'error';

export interface AppLoggerOptions {
  /** Which app writes: gateway, classifier, blocklist, dispatcher, standalone. */
  app: string;
  /** LOG_LEVEL: lines below it are not written. */
  level: LogLevelName;
  /** Where lines go; stdout by default (tests pass a stream). */
  destination?: DestinationStream;
}

/**
 * One JSON object per line on stdout: `time` (ISO-8601), `level` (a name, not pino's
 * number), `app`, `pid`, `context` (the Nest class that logged), `msg`, plus whatever the
 * current unit of work added (`correlationId`, `queue`, `jobId`) and the call's own fields.
 * Secrets are redacted from fields and messages alike (log-redaction.ts).
 */
export function createPinoLogger(options: AppLoggerOptions): Pino {
  return pino(
    {
      level: options.level,
      base: { app: options.app, pid: process.pid },
      messageKey: 'msg',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => currentLogContext(),
      // Credentials and URL query strings never reach a line (log-redaction.ts).
      redact: { paths: REDACTED_PATHS, censor },
      hooks: {
        logMethod(args, method) {
          // The message string itself: the object's fields are handled by `redact`.
          const index = typeof args[0] === 'string' ? 0 : typeof args[1] === 'string' ? 1 : -1;
          if (index >= 0) args[index] = scrubSecrets(args[index] as string);
          return method.apply(this, args);
        },
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** Nest's own start-up chatter (a line per module and route) is debug, not info. */
const NEST_BOOT_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** Nest's LoggerService on pino: every `new Logger(Context)` in the code writes through it. */
export class PinoLoggerService implements LoggerService {
  constructor(readonly pino: Pino) {}

  static create(options: AppLoggerOptions): PinoLoggerService {
    return new PinoLoggerService(createPinoLogger(options));
  }

  // Nest's levels onto pino's: `log` is info and `verbose` is trace; each passes through `write`.
  readonly log = this.writerAt('info');
  readonly error = this.writerAt('error');
  readonly warn = this.writerAt('warn');
  readonly debug = this.writerAt('debug');
  readonly verbose = this.writerAt('trace');
  readonly fatal = this.writerAt('fatal');

  private writerAt(level: Level): (message: unknown, ...params: unknown[]) => void {
    return (message, ...params) => this.write(level, message, params);
  }

  /**
   * Nest passes the logger's context as the last parameter, and for `error` a stack before
   * it; other parameters are kept under `params`.
   */
  private write(level: Level, message: unknown, params: unknown[]): void {
    const rest = [...params];
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    if (level === 'info' && context && NEST_BOOT_CONTEXTS.has(context)) level = 'debug';
    if (!this.pino.isLevelEnabled(level)) return;

    const fields: Record<string, unknown> = context ? { context } : {};
    const stack = rest.find((param): param is string => typeof param === 'string' && /\n\s+at /.test(param));
    if (stack) fields.stack = stack;
    const extra = rest.filter((param) => param !== stack && param !== undefined);
    if (extra.length > 0) fields.params = extra;

    if (message instanceof Error) {
      this.pino[level]({ ...fields, err: message }, message.message);
    } else if (message !== null && typeof message === 'object') {
      const { msg, ...own } = message as Record<string, unknown>;
      this.pino[level]({ ...fields, ...own }, typeof msg === 'string' ? msg : '');
    } else {
      this.pino[level](fields, String(message));
    }
  }
}
