/**
 * Deadlines for tests of real processes, derived from how fast this machine is going right now
 * instead of fixed timeouts: a loaded 2-core machine may take many times as long as an idle one, and
 * a fixed timeout either fails there or waits far too long for a real hang. A wait on progress fails
 * only when nothing has advanced for {@link Pace.stallMs}, which grows with the slowest process start
 * and the slowest gap between two advances measured so far.
 */
export interface Pace {
  /** Runs `start` (a process becoming ready) and records how long it took. */
  timed<T>(start: () => Promise<T>): Promise<T>;
  /** The longest a wait may see no progress: max(floor, 3 × slowest start, 10 × slowest gap). */
  stallMs(): number;
  /** The longest a process may take to become ready: max(startFloor, 3 × slowest start so far). */
  startMs(): number;
  /**
   * Waits until `check` returns a value. `progress` (e.g. notes done) may only grow; each advance
   * extends the deadline by {@link Pace.stallMs}. Before the first advance the wait also allows
   * `recoveryMs` (a restart, a lock to expire).
   */
  untilProgress<T>(
    what: string,
    progress: () => Promise<number>,
    check: (progress: number) => Promise<T | undefined> | T | undefined,
    recoveryMs?: number,
  ): Promise<T>;
  /** Waits for a condition with no progress measure of its own, for at most {@link Pace.stallMs}. */
  until<T>(what: string, check: () => Promise<T | undefined> | T | undefined): Promise<T>;
  /** What was measured, for a failure message or a log line. */
  describe(): string;
}

/** Options of {@link createPace}. */
export interface PaceOptions {
  /** Smallest stall window (default 30 s). */
  readonly floorMs?: number;
  /** Smallest allowance for a process start, and the only one before any was measured (120 s). */
  readonly startFloorMs?: number;
  /** How often conditions are polled (100 ms). */
  readonly pollMs?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A fresh measure of this machine's pace (one per test file). */
export function createPace(options: PaceOptions = {}): Pace {
  const floorMs = options.floorMs ?? 30_000;
  const startFloorMs = options.startFloorMs ?? 120_000;
  const pollMs = options.pollMs ?? 100;
  let slowestStart = 0;
  let slowestGap = 0;
  const pace: Pace = {
    async timed(start) {
      const t0 = Date.now();
      const value = await start();
      slowestStart = Math.max(slowestStart, Date.now() - t0);
      return value;
    },
    stallMs: () => Math.max(floorMs, 3 * slowestStart, 10 * slowestGap),
    startMs: () => Math.max(startFloorMs, 3 * slowestStart),
    async untilProgress(what, progress, check, recoveryMs = 0) {
      // A failed read (a server restarting, Redis down) is no advance.
      const read = (): Promise<number> => progress().catch(() => last);
      let last = -1;
      last = await read();
      let lastAt = Date.now();
      let advanced = false;
      for (;;) {
        const current = await read();
        if (current > last) {
          // A gap is only learned between two advances of steady work, never across a recovery.
          if (advanced) {
            slowestGap = Math.max(slowestGap, Date.now() - lastAt);
          }
          advanced = true;
          last = current;
          lastAt = Date.now();
        }
        const value = await check(current);
        if (value !== undefined) {
          return value;
        }
        const allowed = pace.stallMs() + (advanced ? 0 : recoveryMs);
        if (Date.now() - lastAt > allowed) {
          throw new Error(
            `no progress towards ${what} for ${String(allowed)} ms (stuck at ${String(current)}; ${pace.describe()})`,
          );
        }
        await sleep(pollMs);
      }
    },
    async until(what, check) {
      const deadline = Date.now() + pace.stallMs();
      for (;;) {
        const value = await check();
        if (value !== undefined) {
          return value;
        }
        if (Date.now() > deadline) {
          throw new Error(`timed out waiting for ${what} (${pace.describe()})`);
        }
        await sleep(pollMs);
      }
    },
    describe: () =>
      `slowest process start ${String(slowestStart)} ms, slowest gap between advances ${String(slowestGap)} ms, stall window ${String(pace.stallMs())} ms`,
  };
  return pace;
}
