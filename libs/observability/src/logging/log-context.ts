import { AsyncLocalStorage } from 'node:async_hooks';

/** Fields every log line written inside a unit of work carries (a job, a request). */
export interface LogFields {
  correlationId?: string;
  correlationIds?: string[];
  queue?: string;
  jobId?: string;
  [field: string]: unknown;
}

const storage = new AsyncLocalStorage<LogFields>();

/**
 * Runs `work` with `fields` added to every log line written while it runs, however deep the
 * call: a service logging a warning inside a job need not know the job's correlation id.
 */
export function withLogContext<T>(fields: LogFields, work: () => T): T {
  return storage.run({ ...storage.getStore(), ...fields }, work);
}

/** The fields of the current unit of work (empty outside one). */
export function currentLogContext(): LogFields {
  return storage.getStore() ?? {};
}
