import { describe, expect, it } from 'vitest';
import { createPace } from '../../helpers/pace.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A counter that advances by one every `everyMs` until `stopAt`. */
function ticker(everyMs: number, stopAt: number): { value: () => Promise<number> } {
  const t0 = Date.now();
  return {
    value: () => Promise.resolve(Math.min(stopAt, Math.floor((Date.now() - t0) / everyMs))),
  };
}

describe('pace: deadlines from measured progress (the fault tests wait with it)', () => {
  it('a wait far longer than the stall window succeeds while progress keeps coming', async () => {
    const pace = createPace({ floorMs: 150, pollMs: 5 });
    const t = ticker(40, 1000);
    const t0 = Date.now();
    const done = await pace.untilProgress('25 ticks', t.value, (v) => (v >= 25 ? v : undefined));
    expect(done).toBeGreaterThanOrEqual(25);
    expect(Date.now() - t0).toBeGreaterThan(3 * 150);
  });

  it('fails once nothing advances for the stall window, naming what it waited for', async () => {
    const pace = createPace({ floorMs: 150, pollMs: 5 });
    const t = ticker(20, 5);
    await expect(
      pace.untilProgress('a job that stalls', t.value, (v) => (v >= 10 ? v : undefined)),
    ).rejects.toThrow(/no progress towards a job that stalls .*stuck at 5/);
  });

  it('the window grows with the slowest process start and the slowest gap measured', async () => {
    const pace = createPace({ floorMs: 100, startFloorMs: 100, pollMs: 5 });
    expect(pace.stallMs()).toBe(100);
    await pace.timed(() => sleep(60));
    // A 60 ms timer may be counted as 59 ms by the whole-millisecond clock the pace reads.
    expect(pace.stallMs()).toBeGreaterThanOrEqual(177);
    expect(pace.startMs()).toBeGreaterThanOrEqual(177);
    // Each poll advances the count by one, at least 60 ms after the last: every gap is ≥ 60 ms.
    let count = 0;
    await pace.untilProgress(
      '4 slow steps',
      () => Promise.resolve(count),
      async (v) => {
        if (v >= 4) {
          return v;
        }
        await sleep(60);
        count += 1;
        return undefined;
      },
    );
    expect(pace.stallMs()).toBeGreaterThanOrEqual(10 * 60);
  });

  it('before the first advance it also allows the recovery time, and a failed read is no advance', async () => {
    const pace = createPace({ floorMs: 50, pollMs: 5 });
    const t0 = Date.now();
    let reads = 0;
    const progress = (): Promise<number> => {
      reads += 1;
      return reads % 2 === 0
        ? Promise.reject(new Error('restarting'))
        : Promise.resolve(Date.now() - t0 > 300 ? 1 : 0);
    };
    expect(
      await pace.untilProgress('a restart', progress, (v) => (v >= 1 ? v : undefined), 2000),
    ).toBe(1);
    await expect(
      pace.untilProgress(
        'no recovery allowance',
        () => Promise.resolve(0),
        () => undefined,
      ),
    ).rejects.toThrow(/no progress/);
  });

  it('until: a condition without a progress measure gets the stall window', async () => {
    const pace = createPace({ floorMs: 100, pollMs: 5 });
    await expect(pace.until('never', () => undefined)).rejects.toThrow(
      /timed out waiting for never/,
    );
    expect(await pace.until('soon', () => 'yes')).toBe('yes');
  });
});
