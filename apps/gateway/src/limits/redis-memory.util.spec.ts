import { memoryFill, parseRedisMemory } from './redis-memory.util';

describe('parseRedisMemory', () => {
  it('reads used_memory and maxmemory from INFO memory', () => {
    const info = '# Memory\r\nused_memory:1048576\r\nused_memory_human:1.00M\r\nmaxmemory:2097152\r\nmaxmemory_human:2.00M\r\nmaxmemory_policy:noeviction\r\n';
    expect(parseRedisMemory(info)).toEqual({ usedBytes: 1_048_576, maxBytes: 2_097_152 });
    expect(memoryFill(parseRedisMemory(info)!)).toBe(0.5);
  });

  it('has no fill without a maxmemory, and nothing for an unreadable answer', () => {
    expect(memoryFill({ usedBytes: 5, maxBytes: 0 })).toBeNull();
    expect(parseRedisMemory('# Memory\r\n')).toBeNull();
  });
});
