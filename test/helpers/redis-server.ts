import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

/** A redis-server the test spawned on a free port, with its data in `dir`. */
export interface TestRedis {
  readonly port: number;
  readonly url: string;
  /** Stops it (SIGTERM; with append-only persistence the data survives a restart). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data folder. */
  start(): Promise<void>;
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      srv.close(() => {
        resolve(port);
      });
    });
  });
}

async function waitForPing(url: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.ping();
      client.disconnect();
      return;
    } catch {
      client.disconnect();
      if (Date.now() > deadline) {
        throw new Error(`redis-server on ${url} did not start`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/**
 * Spawns `redis-server` (the real binary; `.ci/run` makes sure it is installed) on a free port.
 * @param dir - data folder; `persistent` turns on append-only fsync-always persistence in it
 */
export async function startRedis(dir: string, persistent = false): Promise<TestRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${String(port)}`;
  let child: ChildProcess | undefined;
  const start = async (): Promise<void> => {
    const args = [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      persistent ? 'yes' : 'no',
      '--appendfsync',
      'always',
      '--maxmemory-policy',
      'noeviction',
    ];
    child = spawn('redis-server', args, { stdio: 'ignore' });
    await waitForPing(url);
  };
  await start();
  return {
    port,
    url,
    start,
    async stop() {
      const c = child;
      if (c?.exitCode !== null || c.signalCode !== null) {
        return;
      }
      await new Promise<void>((resolve) => {
        c.once('exit', () => {
          resolve();
        });
        c.kill('SIGTERM');
      });
    },
  };
}
