import { Writable } from 'node:stream';
import { withLogContext } from './log-context';
import { PinoLoggerService } from './pino-logger.service';

function capture(level: 'debug' | 'info' | 'warn' | 'error' = 'info') {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: PinoLoggerService.create({ app: 'classifier', level, destination }), lines };
}

describe('PinoLoggerService', () => {
  it('writes one JSON object per line with level name, app, context and ISO time', () => {
    const { logger, lines } = capture();
    logger.log('worker running', 'Bootstrap');
    expect(lines).toEqual([expect.objectContaining({ level: 'info', app: 'classifier', context: 'Bootstrap', msg: 'worker running', pid: process.pid })]);
    expect(new Date(lines[0].time as string).toISOString()).toBe(lines[0].time);
  });

  it('honours the level: debug lines are dropped at info', () => {
    const { logger, lines } = capture('warn');
    logger.log('not shown');
    logger.debug('not shown');
    logger.warn('shown');
    logger.error('also shown');
    expect(lines.map((line) => line.level)).toEqual(['warn', 'error']);
  });

  it('adds the unit of work’s correlation id to every line written inside it', async () => {
    const { logger, lines } = capture();
    await withLogContext({ correlationId: 'in-abc', queue: 'inbound' }, async () => {
      await Promise.resolve();
      logger.warn('slow profile read', 'CompiledProfileCache');
    });
    logger.log('outside');
    expect(lines[0]).toMatchObject({ correlationId: 'in-abc', queue: 'inbound', context: 'CompiledProfileCache', msg: 'slow profile read' });
    expect(lines[1].correlationId).toBeUndefined();
  });

  it('spreads an object message into fields and keeps an error’s stack', () => {
    const { logger, lines } = capture();
    logger.log({ msg: 'job done', jobId: 'in-1', durationMs: 3 }, 'QueueWorkerRunner');
    logger.error('write failed', 'Error: boom\n    at somewhere (file.ts:1:1)', 'ConsentApplier');
    logger.error(new Error('kaput'), 'ConsentApplier');
    expect(lines[0]).toMatchObject({ msg: 'job done', jobId: 'in-1', durationMs: 3, context: 'QueueWorkerRunner' });
    expect(lines[1]).toMatchObject({ msg: 'write failed', context: 'ConsentApplier', stack: expect.stringContaining('at somewhere') });
    expect(lines[2]).toMatchObject({ msg: 'kaput', err: expect.objectContaining({ message: 'kaput', type: 'Error' }) });
  });

  it('demotes Nest’s start-up chatter to debug', () => {
    const { logger, lines } = capture();
    logger.log('ConfigModule dependencies initialized', 'InstanceLoader');
    logger.log('Mapped {/v1/inbound, POST} route', 'RouterExplorer');
    expect(lines).toEqual([]);
  });
});

describe('PinoLoggerService redaction (issue 13, item 9)', () => {
  it('redacts authorization headers, tokens and secrets by field name, at any of the first levels', () => {
    const { logger, lines } = capture();
    logger.log({
      msg: 'request',
      headers: { authorization: 'Bearer ook_abcdefghijklmnop', 'x-twilio-signature': 'sig', host: 'api.example.com' },
      req: { headers: { authorization: 'Basic dXNlcjpwYXNz', cookie: 'session=1' } },
      authToken: 'twilio-auth-token',
      credentials: { apiKey: 'ook_abcdefghijklmnop', secret: 'whsec_abcdefghijkl', password: 'hunter2' },
      token: 'adm_abcdefghijklmnop',
    });
    const line = JSON.stringify(lines[0]);
    for (const secret of ['ook_abcdefghijklmnop', 'dXNlcjpwYXNz', 'twilio-auth-token', 'whsec_abcdefghijkl', 'hunter2', 'adm_abcdefghijklmnop', 'session=1', '"sig"']) {
      expect(line).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({ headers: { authorization: '[redacted]', 'x-twilio-signature': '[redacted]', host: 'api.example.com' }, authToken: '[redacted]' });
  });

  it('drops URL query strings and credentials from URL fields, messages and errors', () => {
    const { logger, lines } = capture();
    logger.log({ msg: 'delivered', url: 'https://crm.example.com/hook?token=s3cr3t&x=1', durationMs: 3 });
    logger.warn('webhook to https://user:pa55@crm.example.com/hook?api_key=s3cr3t failed: 500', 'Dispatcher');
    logger.error(new Error('connect to https://crm.example.com/x?sig=s3cr3t refused; sent Bearer ook_abcdefghijklmnop'), 'Dispatcher');
    expect(lines[0]).toMatchObject({ url: 'https://crm.example.com/hook?[redacted]', durationMs: 3 });
    expect(lines[1].msg).toBe('webhook to https://[redacted]@crm.example.com/hook?[redacted] failed: 500');
    const text = JSON.stringify(lines);
    expect(text).not.toContain('s3cr3t');
    expect(text).not.toContain('pa55');
    expect(text).not.toContain('ook_abcdefghijklmnop');
    expect(lines[2].msg).toContain('https://crm.example.com/x?[redacted]');
  });

  it('leaves ordinary fields and messages alone', () => {
    const { logger, lines } = capture();
    logger.log({ msg: 'job done for +12025550100', jobId: 'in-1', phone: '+12025550100' }, 'QueueWorkerRunner');
    expect(lines[0]).toMatchObject({ msg: 'job done for +12025550100', jobId: 'in-1', phone: '+12025550100' });
  });
});
