/** A progress display on standard error. */
export interface ProgressBar {
  /** Sets progress: `done` of `total` (unknown total: bytes are shown without a bar). */
  update(done: number, total: number | undefined, label?: string): void;
  /** Prints a line above the bar. */
  step(text: string): void;
  done(): void;
}

function formatBytes(n: number): string {
  return n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1)} MB` : `${Math.round(n / 1024)} kB`;
}

/**
 * Creates a progress bar. On a terminal it redraws one line; elsewhere (CI, logs) it prints a line at
 * each tenth so output stays readable.
 * @param stream - where to draw (default standard error)
 * @param enabled - false silences it (e.g. with `--json` when the caller wants a clean stderr)
 * @param unit - what is counted: bytes (downloads) or items (notes)
 */
export function createProgressBar(
  stream: NodeJS.WriteStream = process.stderr,
  enabled = true,
  unit: 'bytes' | 'items' = 'bytes',
): ProgressBar {
  const amount = (n: number): string => (unit === 'bytes' ? formatBytes(n) : String(n));
  const tty = stream.isTTY;
  let lastTenth = -1;
  let drawn = false;
  return {
    update(done, total, label = '') {
      if (!enabled) {
        return;
      }
      const fraction = total !== undefined && total > 0 ? Math.min(1, done / total) : undefined;
      const text =
        fraction === undefined
          ? `${label} ${amount(done)}`
          : `${label} [${'#'.repeat(Math.round(fraction * 30)).padEnd(30, '.')}] ${Math.round(fraction * 100)}% ${amount(done)}/${amount(total ?? 0)}`;
      if (tty) {
        stream.write(`\r${text.slice(0, (stream.columns || 100) - 1)}`);
        drawn = true;
        return;
      }
      const tenth =
        fraction === undefined ? Math.floor(done / 5_242_880) : Math.floor(fraction * 10);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        stream.write(`${text}\n`);
      }
    },
    step(text) {
      if (!enabled) {
        return;
      }
      if (drawn) {
        stream.write('\n');
        drawn = false;
      }
      stream.write(`${text}\n`);
    },
    done() {
      if (enabled && drawn) {
        stream.write('\n');
        drawn = false;
      }
      lastTenth = -1;
    },
  };
}
