import { Command } from 'commander';
import type { CodeSet } from '../codes/code-set.js';
import type { Config } from '../core/config.js';
import { createError } from '../core/errors.js';
import { createLogger, type Logger } from '../core/logger.js';
import { VERSION } from '../core/version.js';
import { startServer, type RunningServer } from '../server.js';
import { ensureCodeSet } from './ensure-code-set.js';
import { createProgressBar } from './progress-bar.js';

/** Parses a `--port`/`--concurrency` style whole number. */
export function parseWhole(value: string, flag: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw createError(
      'INVALID_OPTIONS',
      `${flag} must be a whole number from ${String(min)} to ${String(max)}, not "${value}"`,
    );
  }
  return n;
}

/** Stops `stop` on SIGTERM/SIGINT once; a second signal exits at once. */
export function onShutdown(log: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals): void => {
    if (stopping) {
      process.exit(1);
    }
    stopping = true;
    log.info('shutting down', { signal });
    void stop().finally(() => {
      process.exit(0);
    });
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}

/**
 * Serves the API (the embedded worker pool too, unless REDIS_URL is set) until SIGTERM.
 * @param codeSet - an already loaded code set; made ready (build, download, fallback) when absent
 */
export async function serve(
  config: Config,
  log: Logger,
  codeSet?: CodeSet,
): Promise<RunningServer> {
  const server = await startServer(
    config,
    codeSet ?? (await ensureCodeSet(config, log, createProgressBar())),
    log,
    VERSION,
  );
  onShutdown(log, () => server.close());
  return server;
}

/** `notecoder serve [--port N]`. */
export function serveCommand(getConfig: () => Config): Command {
  return new Command('serve')
    .description(
      'serve the job API (and, without REDIS_URL, the embedded worker pool); / points to the docs',
    )
    .option('--port <n>', 'HTTP port (default: PORT or 8080)')
    .action(async (opts: { port?: string }) => {
      const base = getConfig();
      const config =
        opts.port === undefined
          ? base
          : { ...base, port: parseWhole(opts.port, '--port', 0, 65535) };
      await serve(config, createLogger(config.logLevel));
    });
}
