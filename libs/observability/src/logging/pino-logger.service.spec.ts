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
