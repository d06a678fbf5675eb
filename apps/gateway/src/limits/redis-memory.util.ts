/** `used_memory` and `maxmemory` from the text of Redis's `INFO memory`; maxmemory 0 means no limit. */
export function parseRedisMemory(info: string): { usedBytes: number; maxBytes: number } | null {
  const field = (name: string) => {
    const match = new RegExp(`^${name}:(\\d+)\\r?$`, 'm').exec(info);
    return match ? Number(match[1]) : null;
  };
  const usedBytes = field('used_memory');
  const maxBytes = field('maxmemory');
  return usedBytes === null || maxBytes === null ? null : { usedBytes, maxBytes };
}

/** How full Redis is, from 0 to 1; null when it has no maxmemory (nothing to compare with). */
export function memoryFill(memory: { usedBytes: number; maxBytes: number }): number | null {
  return memory.maxBytes > 0 ? memory.usedBytes / memory.maxBytes : null;
}
