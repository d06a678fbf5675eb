import { Queue } from 'bullmq';
import { ConsentJob, QueueName } from '@optout/contracts';
import { defaultJobOptions } from '@optout/queue';
import { classifiedMessage } from '../support/classified-message';
import { createAccountThrough } from '../support/gateway-request';
import { ProcessSuite } from '../support/process-suite';
import { suiteFixture } from '../support/suite-fixture';
import { waitFor } from '../support/wait-for';

/**
 * One consent job whose worker is killed twice while it holds it. BullMQ's default
 * (maxStalledCount 1) fails such a job for good on its second stall — "job stalled more than
 * allowable limit", no retry — and every STOP it carries is lost. Ours must apply them all.
 *
 * Deterministic but slow by nature: a killed worker's lock lives 30 s, stalled jobs are looked
 * for every 30 s, and a job is moved back only on the second look that finds it unlocked (the
 * first marks it). The look is shared by every worker of the queue (one per interval), so the
 * replacement may not look at once either: a crash costs up to 30 + 60 s plus the replacement's
 * start-up before the job is taken again (nearly 90 s was seen in CI).
 */
const STOPS = 2_000;
/** 30 s lock + two 30 s looks + start-up, with room for a loaded CI machine. */
const TAKEOVER_BOUND_MS = 150_000;

describe('a job whose worker crashes twice', () => {
  const suite = suiteFixture(
    async (stopLater) => {
      const processes = stopLater(await ProcessSuite.start({ ownRedis: true }));
      const topology = await processes.startTopology({ blocklist: 1 });
      const queue = new Queue(QueueName.Consent, { connection: { url: processes.redisUrl }, prefix: processes.queuePrefix, defaultJobOptions: defaultJobOptions(QueueName.Consent, [1000]) });
      // Started last, so stopped first: the queue closes while the suite's Redis is there.
      stopLater({ stop: () => queue.close() });
      return { processes, topology, queue };
    },
    { timeoutMs: 120_000 },
  );

  it('is taken over after each crash and applies every STOP it carries', async () => {
    const account = await createAccountThrough(suite.topology.baseUrl, 'Stalled');
    const messages = Array.from({ length: STOPS }, (_, i) =>
      classifiedMessage({
        accountId: account.id,
        messageId: `stall-${i}`,
        from: `+1202${5_000_000 + i}`,
        language: 'en',
        receivedAt: new Date(Date.UTC(2026, 10, 26, 9, 0, 0, i)).toISOString(),
      }),
    );
    const job = await suite.queue.add(QueueName.Consent, { v: 1, messages } satisfies ConsentJob, { jobId: 'co-stalled-twice' });

    const [worker] = suite.topology.workers;
    const applied = async () =>
      Number((await suite.processes.sql<{ n: string }>('SELECT count(*) AS n FROM consent_events WHERE account_id = $1', [account.id]))[0].n);
    const attemptsStarted = async () => (await suite.queue.getJob(job.id!))?.attemptsStarted ?? 0;
    // A replacement that died at start-up would leave nobody to take the job: say so at once.
    const takenOver = async (attempts: number) => {
      if (!worker.running) throw new Error(`the replacement worker exited:\n${worker.output.slice(-2000)}`);
      return (await attemptsStarted()) >= attempts ? true : undefined;
    };

    // Crash 1: the worker is part-way through the job.
    await waitFor('the first worker to be applying the job', async () => ((await applied()) > 0 ? true : undefined), { timeoutMs: 30_000, intervalMs: 50 });
    await suite.topology.kill(worker);
    expect(await applied()).toBeLessThan(STOPS);
    suite.topology.restart(worker);

    // Crash 2: the replacement has taken the stalled job over and is running it again.
    await waitFor('the job to be taken over after the first crash', async () => takenOver(2), { timeoutMs: TAKEOVER_BOUND_MS, intervalMs: 100 });
    await suite.topology.kill(worker);
    suite.topology.restart(worker);

    const outcome = await waitFor(
      `all ${STOPS} STOPs to be applied`,
      async () => {
        const state = await suite.queue.getJob(job.id!);
        // Failed for good is final: say so at once rather than wait out the bound.
        if (await state?.isFailed()) return `the job failed for good: ${state?.failedReason}`;
        return (await applied()) === STOPS && (await state?.isCompleted()) ? 'completed' : undefined;
      },
      { timeoutMs: TAKEOVER_BOUND_MS + 30_000, intervalMs: 500 },
    );
    expect(outcome).toBe('completed');
    const finished = await suite.queue.getJob(job.id!);
    expect(finished?.stalledCounter).toBeGreaterThanOrEqual(2);
    const [{ blocked }] = await suite.processes.sql<{ blocked: string }>(`SELECT count(*) AS blocked FROM consent_states WHERE status = 'opted_out'`);
    expect(Number(blocked)).toBe(STOPS);
  }, 420_000);
});
