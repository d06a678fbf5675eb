import { EndpointSlots } from './endpoint-slots.util';

describe('EndpointSlots', () => {
  const slots = () => new EndpointSlots({ healthyLimit: 3, failingLimit: 1, timeoutMs: 15_000, random: () => 0.5 });

  it('lets an endpoint hold up to its limit, and no more', () => {
    const s = slots();
    expect([1, 2, 3].map(() => s.tryAcquire('a').acquired)).toEqual([true, true, true]);
    expect(s.tryAcquire('a')).toEqual({ acquired: false, retryInMs: 500 });
    // another endpoint is not affected
    expect(s.tryAcquire('b').acquired).toBe(true);
    s.release('a', true);
    expect(s.tryAcquire('a').acquired).toBe(true);
  });

  it('gives a failing endpoint one slot until it answers well again', () => {
    const s = slots();
    s.tryAcquire('a');
    s.tryAcquire('a');
    s.release('a', false);
    // one still in flight, and the endpoint is failing: no second slot
    expect(s.tryAcquire('a')).toEqual({ acquired: false, retryInMs: 15_000 });
    s.release('a', false);
    expect(s.tryAcquire('a').acquired).toBe(true);
    expect(s.tryAcquire('a').acquired).toBe(false);
    s.release('a', true);
    expect([1, 2, 3].map(() => s.tryAcquire('a').acquired)).toEqual([true, true, true]);
  });

  it('backs off about a timeout for a failing endpoint, with jitter', () => {
    const low = new EndpointSlots({ healthyLimit: 1, failingLimit: 1, timeoutMs: 10_000, random: () => 0 });
    low.tryAcquire('a');
    low.release('a', false);
    low.tryAcquire('a');
    expect(low.tryAcquire('a')).toEqual({ acquired: false, retryInMs: 5_000 });
  });

  it('forgets healthy idle endpoints', () => {
    const s = slots();
    s.tryAcquire('a');
    s.release('a', true);
    expect(s.inFlight('a')).toBe(0);
    expect((s as unknown as { endpoints: Map<string, unknown> }).endpoints.size).toBe(0);
  });
});
