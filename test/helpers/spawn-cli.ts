import { spawn, type ChildProcess } from 'node:child_process';
import { CLI } from './fixtures.js';

/** A `notecoder` process running in the background. */
export interface CliProcess {
  readonly child: ChildProcess;
  /** Everything it wrote to stderr (JSON log lines) so far. */
  output(): string;
  /** Resolves with the first log line matching `pattern`; rejects at once if the process exits first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** SIGKILL: no cleanup at all, as in a crash. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for exit. */
  stop(): Promise<number | null>;
}

/**
 * Spawns the compiled CLI with `env` (none of the test's own NOTECODER_* variables).
 * @param args - e.g. ['serve'] or ['worker', '--concurrency', '1']
 */
export function spawnCli(args: readonly string[], env: Record<string, string>): CliProcess {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith('NOTECODER_') && k !== 'REDIS_URL' && k !== 'PORT',
    ),
  );
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...base, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer): void => {
    out += chunk.toString();
    for (const l of listeners) {
      l();
    }
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  let gone = false;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      gone = true;
      for (const l of listeners) {
        l();
      }
      resolve(code);
    });
  });
  return {
    child,
    output: () => out,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const fail = (why: string): void => {
          listeners.delete(check);
          clearTimeout(timer);
          reject(new Error(`${why}: no line matching ${String(pattern)} in:\n${out.slice(-2000)}`));
        };
        const check = (): void => {
          const line = out.split('\n').find((l) => pattern.test(l));
          if (line !== undefined) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve(line);
          } else if (gone) {
            fail('the process exited');
          }
        };
        const timer = setTimeout(() => {
          fail(`after ${String(timeoutMs)} ms`);
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
      }
      return exited;
    },
  };
}

/** The URL a `serve` process logged it listens on. */
export async function listeningUrl(proc: CliProcess, timeoutMs?: number): Promise<string> {
  const line = await proc.waitFor(/"msg":"listening"/, timeoutMs);
  return (JSON.parse(line) as { url: string }).url;
}
