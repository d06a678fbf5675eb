import { chunk } from './collections';

/**
 * A carrier's side of ingestion for the reliability suites: posts messages to a gateway,
 * retries what was not acknowledged (a 503 or a broken connection, as carriers do) and keeps
 * the record the suites judge by: which messages got a 2xx.
 */
export interface LoadMessage {
  accountId: string;
  messageId: string;
  from: string;
  to: string;
  body: string;
  receivedAt?: string;
}

export interface SendOutcome {
  /** 2xx status, or the last status seen (0: no answer) when it gave up. */
  status: number;
  attempts: number;
  /** The 202 body of a batch: `{ accepted, rejected }`. */
  body: any;
}

export class InboundLoad {
  /** messageId → the status of the answer that settled it. */
  readonly acknowledged = new Set<string>();
  retries = 0;
  readonly statusCounts = new Map<number, number>();

  constructor(
    private readonly baseUrl: () => string,
    private readonly apiKey: string,
  ) {}

  /** One POST, no retry: what the answer was (0 when the connection failed). */
  async post(path: string, json: unknown): Promise<{ status: number; body: any }> {
    try {
      const response = await fetch(`${this.baseUrl()}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(json),
        signal: AbortSignal.timeout(30_000),
      });
      const text = await response.text();
      let body: unknown = null;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        body = text;
      }
      return { status: response.status, body };
    } catch {
      return { status: 0, body: null };
    }
  }

  /**
   * Sends until a 2xx (then records the messages as acknowledged) or until `retryUntil`
   * (epoch ms) passes. Only 503 and connection failures are retried: any other answer is a
   * bug in the request or the gateway and is returned at once.
   */
  async send(messages: LoadMessage[], { single = false, retryUntil = Date.now() + 120_000, retryEveryMs = 250 } = {}): Promise<SendOutcome> {
    for (let attempts = 1; ; attempts++) {
      const { status, body } = single ? await this.post('/v1/inbound', messages[0]) : await this.post('/v1/inbound/batch', { messages });
      this.statusCounts.set(status, (this.statusCounts.get(status) ?? 0) + 1);
      if (status >= 200 && status < 300) {
        const rejected = new Set<number>((body?.rejected ?? []).map((entry: { index: number }) => entry.index));
        messages.forEach((message, index) => {
          if (!rejected.has(index)) this.acknowledged.add(message.messageId);
        });
        return { status, attempts, body };
      }
      const retryable = status === 0 || status === 503;
      if (!retryable || Date.now() > retryUntil) return { status, attempts, body };
      this.retries += 1;
      await new Promise((resolve) => setTimeout(resolve, retryEveryMs));
    }
  }
}

export interface PacedLoad {
  /** Concurrent senders, each taking the next unit when it is due. */
  streams: number;
  /** The units are spread evenly over this long, from `startedAt`. */
  spreadMs: number;
  startedAt: number;
}

/**
 * A carrier's traffic: each unit (one message, sent single, or several, sent as a batch) at its
 * due time, with the carrier's retries (`send`). Returns what did not end in a 202, one line
 * each, for the suite to require empty.
 */
export async function sendPaced(load: InboundLoad, units: LoadMessage[][], pacing: PacedLoad): Promise<string[]> {
  const unexpected: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: pacing.streams }, async () => {
      while (next < units.length) {
        const i = next++;
        const due = pacing.startedAt + (i / units.length) * pacing.spreadMs;
        if (due > Date.now()) await pause(due - Date.now());
        const unit = units[i];
        const outcome = await load.send(unit, { single: unit.length === 1 });
        if (outcome.status !== 202) unexpected.push(`${unit[0].messageId}: ${outcome.status} ${JSON.stringify(outcome.body)}`);
      }
    }),
  );
  return unexpected;
}

/** A small seeded PRNG (mulberry32): a failing chaos run can be replayed with its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` STOPs of one account to +12025550100, the i-th from `+1202${firstNumber + i}` with the message id `${idPrefix}${i}`. */
export function numberedStops(accountId: string, count: number, idPrefix: string, firstNumber: number): LoadMessage[] {
  return Array.from({ length: count }, (_, i) => ({ accountId, messageId: `${idPrefix}${i}`, from: `+1202${firstNumber + i}`, to: '+12025550100', body: 'STOP' }));
}

/**
 * The units a carrier sends `messages` in, so that both ingestion paths carry the load: the
 * first half one by one (through the gateway's micro-batcher), the rest in batches of
 * `batchSize`, all in a seeded random order.
 */
export function singlesAndBatches(messages: LoadMessage[], batchSize: number, random: () => number): LoadMessage[][] {
  const half = messages.length / 2;
  return shuffle([...messages.slice(0, half).map((message) => [message]), ...chunk(messages.slice(half), batchSize)], random);
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

/**
 * A deliberate delay between two actions of a schedule (the chaos monkey's rhythm, a paced
 * load). Never used to wait for an outcome: that is what waitFor is for.
 */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
