import { finishedPerMinute } from './finished-per-minute.util';

const MINUTE = 60_000;
const at = (minute: number, second = 0) => minute * MINUTE + second * 1000;

describe('finishedPerMinute', () => {
  it('is all zeros before any job finished', () => {
    expect(finishedPerMinute({ meta: { count: 0, prevTS: 0, prevCount: 0 }, data: [] }, at(100), 3)).toEqual([0, 0, 0]);
  });

  it('does not report the minute still running', () => {
    // 7 jobs so far in minute 100, 5 in minute 99 (closed), 2 in minute 98.
    const metrics = { meta: { count: 14, prevTS: at(100, 3), prevCount: 7 }, data: [5, 2] };
    expect(finishedPerMinute(metrics, at(100, 40), 3)).toEqual([5, 2, 0]);
  });

  it('reads the last whole minute from the open bucket when no job has finished since', () => {
    // Jobs finished during minute 100; it is now minute 101, so that bucket was never closed.
    const metrics = { meta: { count: 14, prevTS: at(100, 3), prevCount: 7 }, data: [5, 2] };
    expect(finishedPerMinute(metrics, at(101, 10), 3)).toEqual([7, 5, 2]);
  });

  it('reports zeros for a queue that went quiet', () => {
    const metrics = { meta: { count: 14, prevTS: at(100, 3), prevCount: 7 }, data: [5, 2] };
    expect(finishedPerMinute(metrics, at(110), 3)).toEqual([0, 0, 0]);
    expect(finishedPerMinute(metrics, at(102), 3)).toEqual([0, 7, 5]);
  });

  it('counts the zeros BullMQ filled in for idle minutes', () => {
    // Minute 100 is open; 97 had 4 jobs, 98 and 99 none (filled with zeros when 100 opened).
    const metrics = { meta: { count: 10, prevTS: at(100, 1), prevCount: 4 }, data: [0, 0, 4] };
    expect(finishedPerMinute(metrics, at(100, 30), 4)).toEqual([0, 0, 4, 0]);
  });
});
