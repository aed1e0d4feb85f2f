import { describe, expect, it } from 'vitest';
import { busyWithin, mergeIntervals } from './keystroke-work';

describe('main-thread busy time of a keystroke window', () => {
  it('merges overlapping and nested tasks so no time counts twice', () => {
    expect(
      mergeIntervals([
        [10, 20],
        [0, 5],
        [12, 15],
        [18, 30],
        [40, 41],
      ]),
    ).toEqual([
      [0, 5],
      [10, 30],
      [40, 41],
    ]);
  });

  it('counts only the part of each task inside the window', () => {
    const tasks = mergeIntervals([
      [0, 5],
      [10, 30],
      [40, 41],
    ]);
    expect(busyWithin(tasks, 3, 12)).toBe(4); // 3-5 and 10-12
    expect(busyWithin(tasks, 30, 40)).toBe(0); // idle between tasks
    expect(busyWithin(tasks, -10, 100)).toBe(26);
  });
});
