/** Anything a suite starts and must stop: the system, a receiver, a fake carrier, a scripted endpoint. */
export interface Stoppable {
  stop(): Promise<void>;
}

/** Hands back what it is given, and stops it after the describe block. */
export type StopLater = <T extends Stoppable>(started: T) => T;

/**
 * For one describe block: returns `stopLater`, which hands back what it is given and stops it
 * after the block's tests — the last started first, as the block would by hand. What never
 * started (beforeAll failed first) is not there to stop. One that fails to stop does not keep
 * the rest running (a cluster's processes, its temporary directory): every one is stopped, then
 * the first failure is thrown. `timeoutMs` bounds the stopping (Jest's test timeout by default).
 */
export function stopAfterAll(timeoutMs?: number): StopLater {
  const running: Stoppable[] = [];
  afterAll(async () => {
    const failures: unknown[] = [];
    for (const started of running.splice(0).reverse()) await started.stop().catch((error: unknown) => failures.push(error));
    if (failures.length > 0) throw failures[0];
  }, timeoutMs);
  return (started) => {
    running.push(started);
    return started;
  };
}
