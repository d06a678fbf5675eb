export type SlotDecision = { acquired: true } | { acquired: false; retryInMs: number };

export interface EndpointSlotOptions {
  /** Requests at once to an endpoint that answers well. */
  healthyLimit: number;
  /** Requests at once to an endpoint that is slow or failing: just enough to notice it is back. */
  failingLimit: number;
  /** WEBHOOK_TIMEOUT_MS: how long a request to a hanging endpoint holds its slot. */
  timeoutMs: number;
  random?: () => number;
}

/** Entries of endpoints with nothing in flight are forgotten beyond this many. */
const MAX_REMEMBERED = 10_000;

/**
 * Isolation between endpoints (and so between accounts) inside one dispatcher process. A
 * worker has a fixed number of jobs at once (50); without a cap, a burst of deliveries to an
 * endpoint that never answers would take every one of them for WEBHOOK_TIMEOUT_MS and every
 * other business would wait. Each endpoint may hold only a few of those slots — one while it
 * is failing — and a job that finds its endpoint's slots taken is put back for later without
 * spending an attempt. Per process, in memory: with N dispatcher replicas an endpoint holds at
 * most N × limit requests at once, and each process keeps most of its slots for the others.
 */
export class EndpointSlots {
  private readonly endpoints = new Map<string, { inFlight: number; failing: boolean }>();
  private readonly random: () => number;

  constructor(private readonly options: EndpointSlotOptions) {
    this.random = options.random ?? Math.random;
  }

  tryAcquire(key: string): SlotDecision {
    const state = this.endpoints.get(key) ?? { inFlight: 0, failing: false };
    const limit = state.failing ? this.options.failingLimit : this.options.healthyLimit;
    if (state.inFlight >= limit) return { acquired: false, retryInMs: this.backOff(state.failing) };
    state.inFlight += 1;
    this.endpoints.set(key, state);
    return { acquired: true };
  }

  /** `answeredWell`: the request got an answer that says nothing about the endpoint being slow or down. */
  release(key: string, answeredWell: boolean): void {
    const state = this.endpoints.get(key);
    if (!state) return;
    state.inFlight = Math.max(0, state.inFlight - 1);
    state.failing = !answeredWell;
    if (state.inFlight === 0 && !state.failing) this.endpoints.delete(key);
    if (this.endpoints.size > MAX_REMEMBERED) this.forgetIdle();
  }

  inFlight(key: string): number {
    return this.endpoints.get(key)?.inFlight ?? 0;
  }

  /**
   * How long a job waits before trying again. A failing endpoint's one slot is held for up
   * to the timeout, so waiting about that long keeps a backlog for it from spinning through
   * the queue; a healthy endpoint at its cap frees a slot within a round trip or so.
   */
  private backOff(failing: boolean): number {
    const base = failing ? Math.max(this.options.timeoutMs, 1_000) : 500;
    return Math.round(base * (0.5 + this.random()));
  }

  private forgetIdle(): void {
    for (const [key, state] of this.endpoints) if (state.inFlight === 0) this.endpoints.delete(key);
  }
}
