import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/core/config.js';
import { createLogger } from '../../src/core/logger.js';
import { loadCodeSet } from '../../src/codes/code-set.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { fixturePipeline, type FixturePipeline } from './fixture-pipeline.js';
import { tempDir } from './fixtures.js';

/** A real `notecoder serve` in this process (real HTTP, real worker threads), its log lines captured. */
export interface TestServer extends RunningServer {
  readonly logs: string[];
  readonly config: Config;
  /** fetch against the server with the given API key. */
  call(path: string, init?: RequestInit & { key?: string | undefined }): Promise<Response>;
}

/**
 * Starts the server with an explicit environment (never the test's own NOTECODER_* variables).
 * @param env - configuration variables; PORT defaults to 0 (a free port)
 */
export async function startTestServer(env: Record<string, string>): Promise<TestServer> {
  const config = loadConfig({ PORT: '0', NOTECODER_WORKER_THREADS: '1', ...env });
  const logs: string[] = [];
  const log = createLogger('debug', (line) => logs.push(line));
  const server = await startServer(config, loadCodeSet(config.codeSetPath), log, '0.0.0-test');
  return {
    ...server,
    logs,
    config,
    call(path, init = {}) {
      const { key, headers, ...rest } = init;
      const h = new Headers(headers);
      if (key !== undefined) {
        h.set('authorization', `Bearer ${key}`);
      }
      return fetch(`${server.url}${path}`, { ...rest, headers: h });
    },
  };
}

/** A test server over the fixture code set in a fresh temporary folder, and its teardown. */
export async function startFixtureServer(
  env: Record<string, string> = {},
): Promise<{ server: TestServer; fixture: FixturePipeline; stop: () => Promise<void> }> {
  const t = tempDir();
  const fixture = fixturePipeline(t.dir);
  const server = await startTestServer({
    ...fixture.env,
    NOTECODER_DATA_DIR: join(t.dir, 'data'),
    ...env,
  });
  return {
    server,
    fixture,
    async stop() {
      await server.close();
      t.cleanup();
    },
  };
}
