/// <reference lib="dom" />
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../helpers/api-server.js';
import { fixturePipeline, type FixturePipeline } from '../../helpers/fixture-pipeline.js';
import { ROOT, tempDir } from '../../helpers/fixtures.js';
import { axeViolations, launchChromium, newPage as openPage } from '../../helpers/web-browser.js';

const SHOTS = join(ROOT, 'test-artifacts', 'web');
const MARKER = 'WOMBAT-PHI-7731';
const CT = `${readFileSync(join(ROOT, 'examples', 'ct-3d-scanner.txt'), 'utf8')}\nPatient ${MARKER}. No evidence of hypertension.\n`;
const KEY = 'web-key-0123456789abcdef';

let t: { dir: string; cleanup: () => void };
let fx: FixturePipeline;
let open: TestServer;
let keyed: TestServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  t = tempDir();
  fx = fixturePipeline(t.dir);
  open = await startTestServer({ ...fx.env, NOTECODER_DATA_DIR: join(t.dir, 'a') });
  keyed = await startTestServer({
    ...fx.env,
    NOTECODER_DATA_DIR: join(t.dir, 'b'),
    NOTECODER_API_KEYS: KEY,
    NOTECODER_HOST: '127.0.0.1',
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser.close();
  await open.close();
  await keyed.close();
  t.cleanup();
});

const newPage = (url: string): ReturnType<typeof openPage> => openPage(browser, url);

describe('the coder’s web page in Chromium', () => {
  it('codes a pasted CT report: 76376 with highlighted evidence, its code panel, the suppressed list', async () => {
    const { page, errors, logged } = await newPage(open.url);
    await expect.poll(() => page.textContent('#server-info')).toContain('Code set:');
    await page.fill('#note-text', CT);
    await page.click('#submit');
    const item = page.locator('#code-groups .code-item[data-code="76376"]');
    await item.waitFor();
    await page.screenshot({ path: join(SHOTS, '1-results.png'), fullPage: true });

    // Selecting the code highlights exactly its evidence in the note.
    await item.locator('.show-evidence').click();
    const key = await item.getAttribute('data-key');
    const active = page.locator('#note-view mark.active');
    expect(await active.count()).toBeGreaterThan(0);
    const activeText = (await active.allTextContents()).join('');
    expect(activeText.toUpperCase()).toContain('3D RENDERING');
    for (const items of await active.evaluateAll((marks) =>
      marks.map((m) => (m as HTMLElement).dataset.items ?? ''),
    )) {
      expect(items.split(' ')).toContain(key);
    }
    // Highlights are underlined, not colour alone.
    expect(await active.first().evaluate((m) => getComputedStyle(m).textDecorationLine)).toContain(
      'underline',
    );

    // Selecting a highlighted span shows its codes.
    await page.locator('#note-view mark', { hasText: 'RENDERING' }).first().click();
    await expect.poll(() => page.textContent('#status')).toContain('76376');

    // The code panel from /v1/codes/76376.
    await item.locator('[data-open-code]').click();
    const panel = page.locator('#code-panel');
    await expect.poll(() => panel.textContent()).toContain('76376 — CPT');
    expect(await panel.textContent()).toContain('our own words');
    expect(await panel.textContent()).toContain('26:');
    await page.screenshot({ path: join(SHOTS, '2-code-panel.png'), fullPage: true });

    // The suppressed list: the negated hypertension with its reason and trigger highlighted.
    await page.click('#suppressed summary');
    const suppressed = page.locator('#suppressed-list .code-item[data-code="I10"]');
    await suppressed.waitFor();
    expect(await suppressed.textContent()).toContain('suppressed: negated');
    await suppressed.locator('.show-evidence').click();
    const trig = (await page.locator('#note-view mark.active').allTextContents()).join(' ');
    expect(trig.toLowerCase()).toContain('hypertension');
    expect(trig).toMatch(/No/);
    await page.screenshot({ path: join(SHOTS, '3-suppressed.png'), fullPage: true });

    // The claim lines: 76376 with modifier 26 and its reason, units and pointers.
    const claimRow = page.locator('#claim-lines tr[data-code="76376"]');
    await claimRow.waitFor();
    const claimText = (await claimRow.textContent()) ?? '';
    expect(claimText).toContain('76376-26');
    expect(claimText).toMatch(/26 billing\.component not given: professional/);

    // Export and copy work; nothing of the note lands in storage or the URL.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    expect(csv.suggestedFilename()).toMatch(/^notecoder-pasted-note-\d{4}-\d{2}-\d{2}\.csv$/);
    const csvText = readFileSync(await csv.path(), 'utf8');
    expect(csvText.split('\r\n')[0]).toBe(
      'note_id,code,system,title,confidence,status,assertion,reason,modifiers,evidence,units,diagnoses,review,review_reason',
    );
    expect(csvText).toMatch(/pasted-note,76376,CPT,.*,claim line \d+,,.*,26,.*,1,/);
    expect(csvText).toMatch(/pasted-note,76376,CPT,.*,suggested,present,/);
    expect(csvText).toMatch(/pasted-note,I10,ICD-10-CM,.*,suppressed,absent,negated,/);
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    const exported = JSON.parse(readFileSync(await json.path(), 'utf8')) as {
      noteId: string;
      suggestions: { code: string }[];
    };
    expect(exported.suggestions.map((s) => s.code)).toContain('76376');
    await page.click('#copy-codes');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('76376');

    // Keyboard: Tab to a highlighted span and press Enter to see its codes.
    await page.locator('#note-view mark[role="button"]').first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#status')).toContain('Selected words support: 71250');
    const kept = await page.evaluate(
      () =>
        JSON.stringify(localStorage) +
        JSON.stringify(sessionStorage) +
        location.href +
        document.cookie,
    );
    expect(kept).not.toContain(MARKER);
    expect(logged.join('\n')).not.toContain(MARKER);

    const violations = await axeViolations(page);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('runs three uploaded files as one batch, shows progress, and opens a row', async () => {
    const { page, errors } = await newPage(open.url);
    await page.setInputFiles('#note-files', [
      { name: 'ct.txt', mimeType: 'text/plain', buffer: Buffer.from(CT) },
      {
        name: 'dm.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('Assessment: type 2 diabetes mellitus with hyperglycemia.'),
      },
      {
        name: 'htn.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('Essential hypertension, stable.'),
      },
    ]);
    await page.click('#submit');
    await expect
      .poll(() => page.textContent('#progress-text'), { timeout: 30_000 })
      .toContain('3 of 3');
    const rows = page.locator('#batch-rows tr');
    expect(await rows.count()).toBe(3);
    expect(await rows.allTextContents()).toEqual([
      expect.stringContaining('succeeded'),
      expect.stringContaining('succeeded'),
      expect.stringContaining('succeeded'),
    ]);
    await page.click('#batch-rows button[data-row="1"]');
    await expect.poll(() => page.textContent('#result-note')).toContain('dm.txt');
    expect(await page.textContent('#note-view')).toContain('hyperglycemia');
    const shown = await page.locator('#code-groups .code-item').count();
    expect(shown).toBeGreaterThan(0);
    expect(await rows.nth(1).locator('td').nth(2).textContent()).toBe(String(shown));
    await page.screenshot({ path: join(SHOTS, '4-batch.png'), fullPage: true });
    const violations = await axeViolations(page);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('asks for the API key when the server requires one, and searches codes with it', async () => {
    const { page, errors } = await newPage(keyed.url);
    await page.locator('#key-row').waitFor({ state: 'visible' });
    await page.fill('#api-key', KEY);
    await page.fill('#note-text', 'Essential hypertension.');
    await page.click('#submit');
    await page.locator('#code-groups .code-item[data-code="I10"]').waitFor();
    // Rules: every mention, with its assertion — a negated diagnosis is shown as such, not billed.
    await page.fill('#note-text', 'No hypertension.');
    await page.selectOption('#rules', 'mentions');
    await page.click('#submit');
    await expect.poll(() => page.textContent('#note-view')).toContain('No hypertension');
    const mention = page.locator('#code-groups .code-item[data-code="I10"]');
    await mention.waitFor();
    expect(await mention.textContent()).toContain('absent');
    await page.selectOption('#rules', 'billing');
    await page.fill('#search-q', 'hypertension');
    await page.click('#search-form button');
    await page.locator('#search-hits [data-open-code="I10"]').click();
    await expect.poll(() => page.textContent('#code-panel')).toContain('Includes');
    await page.screenshot({ path: join(SHOTS, '5-key-and-lookup.png'), fullPage: true });
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
    await page.context().close();
  });
});
