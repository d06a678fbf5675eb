import { StopLater, stopAfterAll } from './stop-after-all';

/**
 * What a describe block starts once for all its tests — the system, a receiver, an account,
 * services looked up in the system — in one call instead of a `let` per part, a `beforeAll`
 * that assigns each, and an `afterAll` that stops them in the right order.
 *
 * `start` runs in `beforeAll` (bounded by `timeoutMs`, Jest's hook timeout by default) and
 * hands what it starts to `stopLater`, which stops it after the block's tests, the last started
 * first (bounded by `stopTimeoutMs`). The object returned here is filled with what `start`
 * returns once it has run: tests read `suite.system`, `suite.account`, … — the same object for
 * the whole block, so closures built before `beforeAll` (helpers at describe level) may hold it.
 */
export function suiteFixture<T extends object>(
  start: (stopLater: StopLater) => Promise<T>,
  options: { timeoutMs?: number; stopTimeoutMs?: number } = {},
): T {
  const stopLater = stopAfterAll(options.stopTimeoutMs);
  const suite = {} as T;
  beforeAll(async () => {
    Object.assign(suite, await start(stopLater));
  }, options.timeoutMs);
  return suite;
}
