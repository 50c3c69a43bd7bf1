import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../../src/api/openapi.js';
import { ROOT } from '../../helpers/fixtures.js';

type Operation = { operationId?: string; responses: Record<string, unknown> };
const doc = openApiDocument('0.0.0-test') as {
  servers?: unknown[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { allOf?: { required?: string[] }[] }> };
};
const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({ path, method, op })),
);

describe('OpenAPI document', () => {
  it('names servers and gives every operation a unique operationId', () => {
    expect(doc.servers?.length).toBeGreaterThan(0);
    const ids = operations.map(({ op }) => op.operationId);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('declares every 4xx an authenticated route can answer', () => {
    for (const { path, method, op } of operations.filter((o) => o.path.startsWith('/v1'))) {
      for (const status of ['400', '401', '403', '429', '431']) {
        expect(op.responses[status], `${method} ${path} ${status}`).toBeDefined();
      }
      if (path.startsWith('/v1/jobs/')) {
        expect(op.responses['404'], `${method} ${path} 404`).toBeDefined();
      }
    }
    expect(doc.paths['/v1/jobs']?.get?.operationId).toBe('listJobs');
  });

  it('marks the results of a polled job required', () => {
    const parts = doc.components.schemas.JobWithResults?.allOf ?? [];
    expect(parts.some((p) => p.required?.includes('results'))).toBe(true);
  });

  it('is clean under redocly lint (the built document, as npm run lint checks it)', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'scripts', 'lint-openapi.js')], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stdout).toContain('0 errors, 0 warnings');
    expect(run.status).toBe(0);
  }, 60_000);
});
