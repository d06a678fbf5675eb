import { Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ApiKeyRepository } from '@optout/database';

/** How often each replica writes down which keys it saw used: the most `lastUsedAt` can lag. */
export const KEY_USE_FLUSH_MS = 10_000;

/**
 * `lastUsedAt` of each key, without a write per request: the guard notes the key here, and the
 * notes go to Postgres in one statement every 10 s (and before a listing, and at shutdown).
 * A failed write keeps the notes for the next round.
 */
@Injectable()
export class ApiKeyUsageRecorder implements OnModuleInit, OnApplicationShutdown {
  private pending = new Map<string, Date>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly keys: ApiKeyRepository) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flush().catch(() => undefined), KEY_USE_FLUSH_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush().catch(() => undefined);
  }

  used(keyId: string, at = new Date()): void {
    this.pending.set(keyId, at);
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await this.keys.recordUse([...batch].map(([keyId, at]) => ({ keyId, at })));
    } catch (error) {
      for (const [keyId, at] of batch) if (!this.pending.has(keyId)) this.pending.set(keyId, at);
      throw error;
    }
  }
}
