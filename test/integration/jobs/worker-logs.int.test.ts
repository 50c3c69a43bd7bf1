import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePipeline, type FixturePipeline } from '../../helpers/fixture-pipeline.js';
import { tempDir } from '../../helpers/fixtures.js';
import { startRedis } from '../../helpers/redis-server.js';
import { spawnCli } from '../../helpers/spawn-cli.js';

let t: { dir: string; cleanup: () => void };
let fixture: FixturePipeline;
beforeAll(() => {
  t = tempDir();
  fixture = fixturePipeline(t.dir);
});
afterAll(() => {
  t.cleanup();
});

describe('notecoder worker while Redis is down', () => {
  it('writes JSON lines only (no raw stack traces) while Redis is down and back', async () => {
    const redis = await startRedis(t.dir);
    const worker = spawnCli(['worker', '--concurrency', '1'], {
      ...fixture.env,
      REDIS_URL: redis.url,
      NOTECODER_WORKER_THREADS: '1',
    });
    try {
      await worker.waitFor(/worker started/);
      await redis.stop();
      // Long enough for reconnect attempts, stalled checks and blocking reads to fail several times.
      await new Promise((r) => setTimeout(r, 4000));
      await redis.start();
      await new Promise((r) => setTimeout(r, 1500));
      const lines = worker
        .output()
        .split('\n')
        .filter((l) => l.trim() !== '');
      const notJson = lines.filter((l) => {
        try {
          return typeof JSON.parse(l) !== 'object';
        } catch {
          return true;
        }
      });
      expect(notJson).toEqual([]);
      expect(lines.some((l) => l.includes('ECONNREFUSED') || l.includes('redis'))).toBe(true);
    } finally {
      await worker.stop();
      await redis.stop();
    }
  }, 60_000);
});
