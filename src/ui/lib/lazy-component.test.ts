import { describe, expect, it } from 'vitest';
import { lazyComponent } from './lazy-component';

const Part = () => null;

describe('lazyComponent: settled() tells a parent when the part can be shown whole', () => {
  it('is false until the code has loaded, then true', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const lazy = lazyComponent(async () => {
      await gate;
      return Part;
    });
    expect(lazy.settled()).toBe(false);
    const settling = lazy.whenSettled();
    expect(lazy.settled()).toBe(false);
    release();
    await settling;
    expect(lazy.settled()).toBe(true);
  });

  it('settles on a failed load too, and the next render tries again', async () => {
    let calls = 0;
    const lazy = lazyComponent(async (): Promise<typeof Part> => {
      calls += 1;
      throw new Error('chunk unreachable');
    });
    await expect(lazy.whenSettled()).resolves.toBeUndefined();
    expect(lazy.settled()).toBe(true);
    await lazy.whenSettled();
    expect(calls).toBe(2);
  });
});
