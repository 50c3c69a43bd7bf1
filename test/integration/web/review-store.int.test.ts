/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NoteReview } from '../../../src/jobs/review-types.js';
import { startFixtureServer, type TestServer } from '../../helpers/api-server.js';
import { ROOT } from '../../helpers/fixtures.js';
import { launchChromium, newPage } from '../../helpers/web-browser.js';

const CT = readFileSync(join(ROOT, 'examples', 'ct-3d-scanner.txt'), 'utf8');

let server: TestServer;
let stop: () => Promise<void>;
let browser: Browser;

beforeAll(async () => {
  ({ server, stop } = await startFixtureServer());
  browser = await launchChromium();
});

afterAll(async () => {
  await browser.close();
  await stop();
});

/** Codes the pasted note on the page; the job id `/v1/detect` kept it under. */
async function codeKept(page: Page, text: string): Promise<string> {
  await expect.poll(() => page.textContent('#server-info')).toContain('Code set:');
  await page.fill('#note-text', text);
  const answer = page.waitForResponse((r) => r.url().endsWith('/v1/detect'));
  await page.click('#submit');
  const body = (await (await answer).json()) as { jobId?: string };
  await expect.poll(() => page.textContent('#status'), { timeout: 60_000 }).toMatch(/^Done:/);
  expect(body.jobId).toMatch(/\S/);
  return body.jobId as string;
}

async function review(jobId: string): Promise<{ review: NoteReview; etag: string }> {
  const res = await server.call(`/v1/jobs/${jobId}/notes/pasted-note/review`);
  expect(res.status).toBe(200);
  return { review: (await res.json()) as NoteReview, etag: res.headers.get('etag') ?? '' };
}

const item = (page: Page, c: string): ReturnType<Page['locator']> =>
  page.locator(`#code-groups .code-item[data-code="${c}"]`);

describe('the page keeps reviews on the server, in Chromium', () => {
  it('saves an accepted code with If-Match; another save in between reloads the page', async () => {
    const { page, errors } = await newPage(browser, server.url);
    const jobId = await codeKept(page, CT);
    await item(page, '76376').locator('[data-action="accept"]').click();
    await expect.poll(() => page.textContent('#review-save')).toMatch(/^Review saved/);
    const first = await review(jobId);
    expect(first.review.decisions).toContainEqual({
      system: 'CPT',
      code: '76376',
      decision: 'accepted',
    });
    // The note text saved with the job stays with the review.
    expect(first.review.text).toBe(CT);

    // Another coder rejects 71250 over that version: the page's next save is refused (412) and the
    // page shows the other coder's review.
    const other = await server.call(`/v1/jobs/${jobId}/notes/pasted-note/review`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'if-match': first.etag },
      body: JSON.stringify({
        decisions: [{ system: 'CPT', code: '71250', decision: 'rejected', reason: 'other coder' }],
        added: [],
        text: CT,
      }),
    });
    expect(other.status).toBe(200);
    await item(page, '71250').locator('[data-action="accept"]').click();
    await expect
      .poll(() => page.textContent('#review-save'))
      .toBe('Review changed elsewhere — reloaded');
    await expect.poll(() => item(page, '71250').textContent()).toContain('rejected: other coder');
    expect(await item(page, '76376').textContent()).not.toMatch(/accepted/i);
    const after = await review(jobId);
    expect(after.review.version).toBe(first.review.version + 1);
    expect(errors.filter((e) => !e.includes('412'))).toEqual([]);
    await page.context().close();
  });
});
