/**
 * `read` shared by every gauge of one scrape: the first gauge's `collect` starts the read,
 * the others of the same scrape await the same promise, and the next scrape reads afresh
 * (the promise is dropped once the current turn of the event loop is over).
 */
export function oncePerScrape<T>(read: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    pending ??= read().finally(() => setImmediate(() => (pending = null)));
    return pending;
  };
}
