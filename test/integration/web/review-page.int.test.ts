/// <reference lib="dom" />
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../helpers/api-server.js';
import { fixturePipeline } from '../../helpers/fixture-pipeline.js';
import { ROOT, tempDir } from '../../helpers/fixtures.js';
import { axeViolations, launchChromium, newPage } from '../../helpers/web-browser.js';

const SHOTS = join(ROOT, 'test-artifacts', 'web');
const CT = readFileSync(join(ROOT, 'examples', 'ct-3d-scanner.txt'), 'utf8');
// Our own phrasings: a diagnosis at the top, a long stretch of plain lines, the CT report at the end.
const LONG = [
  'Assessment: type 2 diabetes mellitus with hyperglycemia. Essential hypertension.',
  ...Array.from(
    { length: 160 },
    (_, i) => `Line ${String(i + 1)}: vital signs recorded and reviewed.`,
  ),
  CT,
].join('\n');
const DATE = /\d{4}-\d{2}-\d{2}/;

let t: { dir: string; cleanup: () => void };
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  t = tempDir();
  const fx = fixturePipeline(t.dir);
  server = await startTestServer({ ...fx.env, NOTECODER_DATA_DIR: join(t.dir, 'data') });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser.close();
  await server.close();
  t.cleanup();
});

async function code(page: Page, text: string): Promise<void> {
  await expect.poll(() => page.textContent('#server-info')).toContain('Code set:');
  await page.fill('#note-text', text);
  await page.click('#submit');
  await expect.poll(() => page.textContent('#status'), { timeout: 60_000 }).toMatch(/^Done:/);
}

const item = (page: Page, c: string): ReturnType<Page['locator']> =>
  page.locator(`#code-groups .code-item[data-code="${c}"]`);

describe('the page as a review tool, in Chromium', () => {
  it('searches by code number: the code first, categories marked not billable', async () => {
    const { page, errors } = await newPage(browser, server.url);
    const search = async (q: string): Promise<string[]> => {
      await page.fill('#search-q', q);
      await page.click('#search-form button');
      // The first hit must be the code searched for itself: a hit of the previous search ("E11.22 …")
      // also contains "E11".
      await expect
        .poll(() => page.locator('#search-hits li').first().textContent())
        .toMatch(new RegExp(`^${q.replace('.', '\\.')} `));
      return page.locator('#search-hits li').allTextContents();
    };
    expect((await search('E11.22'))[0]).toMatch(/^E11\.22 ICD-10-CM — .*billable$/);
    const e11 = await search('E11');
    expect(e11[0]).toContain('category — not billable');
    expect(e11[1]).toMatch(/^E11\.2 .*category — not billable$/);
    expect((await search('71250'))[0]).toMatch(/^71250 CPT .*billable$/);
    expect((await search('99214'))[0]).toMatch(/^99214 CPT/);
    expect((await search('I10'))[0]).toMatch(/^I10 ICD-10-CM/);
    // The code panel opens next to the hit, with human labels and linked codes.
    await search('E11.22');
    await page.locator('#search-hits [data-open-code="E11.22"]').click();
    const panel = page.locator('#code-panel');
    await expect.poll(() => panel.textContent()).toContain('Use additional code');
    expect(await panel.textContent()).not.toMatch(/useAdditionalCode|inclusionTerms|\(at /);
    await panel.locator('[data-open-code="E11.2"]').first().click();
    await expect.poll(() => panel.textContent()).toContain('E11.2 — ICD-10-CM');
    expect(await panel.textContent()).toContain('no — a category');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('keeps the click when the evidence is off screen: nothing scrolls the page, the note pane follows', async () => {
    const { page, errors } = await newPage(browser, server.url, { width: 1280, height: 700 });
    await code(page, LONG);
    const button = item(page, '76376').locator('.show-evidence');
    await button.scrollIntoViewIfNeeded();
    const before = await page.evaluate(() => window.scrollY);
    expect(before).toBeGreaterThan(0);
    const box = await button.boundingBox();
    expect(box).not.toBeNull();
    if (box === null) {
      return;
    }
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    expect(await page.evaluate(() => window.scrollY)).toBe(before);
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    // The evidence is at the end of a long note: the sticky note pane scrolled to it, in the window.
    const mark = page.locator('#note-view mark.active').first();
    const inView = await mark.evaluate((m) => {
      const r = m.getBoundingClientRect();
      const pane = (document.getElementById('note-view') as HTMLElement).getBoundingClientRect();
      return (
        r.top >= Math.max(0, pane.top) && r.bottom <= Math.min(window.innerHeight, pane.bottom)
      );
    });
    expect(inView).toBe(true);
    await page.screenshot({ path: join(SHOTS, '6-long-note-evidence.png') });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('reviews with the mouse: accept, reject with a reason, restore, add; Copy and Export carry the review', async () => {
    const { page, errors } = await newPage(browser, server.url);
    await code(page, `${CT}\nNo evidence of hypertension.\n`);
    await item(page, '76376').locator('[data-action="accept"]').click();
    // The coder bills the technical component instead of the suggested professional one.
    await item(page, '76376').locator('input.modifiers').fill('tc');
    await page.keyboard.press('Enter');
    await expect.poll(() => item(page, '76376').textContent()).toContain('modifiers TC');
    await item(page, '71250').locator('[data-action="reject"]').click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('reason-k0');
    await page.keyboard.type('report says no contrast was planned');
    await page.keyboard.press('Enter');
    expect(await item(page, '71250').textContent()).toContain(
      'rejected: report says no contrast was planned',
    );
    // Its evidence (words no other code stands on) is struck through in the note.
    expect(
      (await page.locator('#note-view mark.rejected-ev').allTextContents()).join(' '),
    ).toContain('CT CHEST');
    // A suppressed candidate is restored; Undo takes it back, Restore again.
    await page.click('#suppressed summary');
    const suppressed = page.locator('#suppressed-list .code-item[data-code="I10"]');
    expect(await suppressed.textContent()).toContain('negated in the note');
    await suppressed.locator('[data-action="restore"]').click();
    await suppressed.locator('[data-action="undo"]').click();
    expect(await suppressed.textContent()).toContain('not reviewed');
    await suppressed.locator('[data-action="restore"]').click();
    // Adding: an unknown code is refused, a category is added with a warning, a billable code as is.
    await page.fill('#add-code', 'Z99.99');
    await page.click('#add-code-form button');
    await expect.poll(() => page.textContent('#add-code-msg')).toContain('not a code');
    await page.fill('#add-code', 'E11.2');
    await page.click('#add-code-form button');
    await expect.poll(() => page.textContent('#add-code-msg')).toContain('not billable');
    await page.locator('#added-list [data-action="remove-added"]').click();
    await page.fill('#add-code', 'n18.30');
    await page.click('#add-code-form button');
    await expect.poll(() => page.textContent('#added-list')).toContain('N18.30');
    // A code already there, or one rejected, is not added twice.
    await page.fill('#add-code', 'N18.30');
    await page.click('#add-code-form button');
    await expect.poll(() => page.textContent('#add-code-msg')).toContain('already among the codes');
    await page.fill('#add-code', '71250');
    await page.click('#add-code-form button');
    await expect.poll(() => page.textContent('#add-code-msg')).toContain('use its Undo button');
    const line = 'CPT 76376-TC; ICD-10-CM I10; ICD-10-CM N18.30';
    await expect.poll(() => page.textContent('#review-summary')).toContain(line);
    await page.screenshot({ path: join(SHOTS, '7-review.png'), fullPage: true });

    await page.click('#copy-codes');
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(line);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    expect(csv.suggestedFilename()).toMatch(
      new RegExp(`^notecoder-pasted-note-${DATE.source}\\.csv$`),
    );
    const rows = readFileSync(await csv.path(), 'utf8').split('\r\n');
    expect(rows.find((r) => r.includes(',71250,'))).toMatch(
      /,suggested,.*,rejected,report says no contrast was planned$/,
    );
    expect(rows.find((r) => r.includes(',76376,'))).toMatch(/,present,,TC,.*,accepted,$/);
    expect(rows.find((r) => r.includes(',I10,'))).toMatch(/,suppressed,.*,restored,$/);
    expect(rows.find((r) => r.includes(',N18.30,'))).toMatch(/,added,present,.*,added,$/);
    const [json] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    const exported = JSON.parse(readFileSync(await json.path(), 'utf8')) as {
      review: { decisions: { code: string; status: string; reason?: string }[] };
      reviewedCodeLine: string;
    };
    expect(exported.reviewedCodeLine).toBe(line);
    expect(exported.review.decisions).toContainEqual(
      expect.objectContaining({
        code: '71250',
        status: 'rejected',
        reason: 'report says no contrast was planned',
      }),
    );
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('reviews by keyboard only: ↑/↓, A, R with a reason, U, Ctrl+Enter; the shortcuts are on the page', async () => {
    const { page, errors } = await newPage(browser, server.url);
    expect(await page.textContent('#shortcut-list')).toMatch(/A.*accept.*R.*reject.*U.*undo/s);
    await expect.poll(() => page.textContent('#server-info')).toContain('Code set:');
    await page.fill('#note-text', `${CT}\nNo evidence of hypertension.\n`);
    await page.focus('#note-text');
    await page.keyboard.press('Control+Enter');
    await item(page, '71250').waitFor();
    await page.keyboard.press('ArrowDown');
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLElement).dataset.code))
      .toBe('71250');
    expect(await page.locator('#note-view mark.active').count()).toBeGreaterThan(0);
    await page.keyboard.press('a');
    expect(await item(page, '71250').textContent()).toContain('accepted');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('r');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('reason-k1');
    await page.keyboard.type('not done here');
    await page.keyboard.press('Enter');
    expect(await item(page, '76376').textContent()).toContain('rejected: not done here');
    await page.keyboard.press('u');
    expect(await item(page, '76376').textContent()).toContain('not reviewed');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('u');
    expect(await item(page, '71250').textContent()).toContain('not reviewed');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.textContent('#status')).toContain('Review finished');
    expect(await page.textContent('#review-summary')).toMatch(
      /^Review \(done\): 2 accepted, 0 rejected/,
    );
    // Coding a note again starts a fresh review: the same note id brings no old decisions back.
    await page.click('#submit');
    await expect.poll(() => page.textContent('#review-summary')).toMatch(/^Review: 0 accepted/);
    expect(await item(page, '71250').textContent()).toContain('not reviewed');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('warns of a missing companion code, and the warning goes once the code is added', async () => {
    const { page, errors } = await newPage(browser, server.url);
    await code(page, 'Assessment: type 2 diabetes mellitus with diabetic chronic kidney disease.');
    const warnings = page.locator('#review-warnings');
    await expect.poll(() => warnings.textContent()).toContain('E11.22: Use additional code');
    expect(await warnings.textContent()).toContain('N18.1–N18.6');
    await page.fill('#add-code', 'N18.30');
    await page.click('#add-code-form button');
    await expect.poll(() => page.textContent('#added-list')).toContain('N18.30');
    await expect.poll(() => warnings.textContent()).not.toContain('N18.1–N18.6');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('shows long notes as a sortable, filterable table', async () => {
    const { page, errors } = await newPage(browser, server.url);
    await code(page, LONG);
    await page.click('#view-mode');
    expect(await page.getAttribute('#view-mode', 'aria-pressed')).toBe('true');
    const codes = (): Promise<string[]> =>
      page
        .locator('#code-groups tr.code-item')
        .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.code ?? ''));
    await page.click('button[data-sort="code"]');
    const byCode = await codes();
    expect(byCode).toEqual([...byCode].sort());
    expect(byCode.length).toBeGreaterThan(2);
    await page.click('button[data-sort="code"]');
    expect(await codes()).toEqual([...byCode].sort().reverse());
    await page.click('button[data-sort="confidence"]');
    const conf = await page.locator('#code-groups tr.code-item td.num').allTextContents();
    expect(conf.map(Number)).toEqual([...conf.map(Number)].sort((a, b) => b - a));
    await page.fill('#code-filter', 'cpt');
    await expect.poll(codes).toEqual(expect.not.arrayContaining(['E11.65', 'I10']));
    expect(await codes()).toContain('76376');
    expect(await page.textContent('#filter-count')).toMatch(/^Showing \d of \d codes\.$/);
    await page.locator('#code-groups [data-open-code="76376"]').click();
    await expect
      .poll(() => page.locator('#code-groups .detail-row #code-panel').textContent())
      .toContain('76376 — CPT');
    await page.screenshot({ path: join(SHOTS, '8-table.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('says what it does with files: unsupported ones refused, the last input wins, no system is an error', async () => {
    const { page, errors } = await newPage(browser, server.url);
    await expect.poll(() => page.textContent('#server-info')).toContain('Code set:');
    await page.setInputFiles('#note-files', [
      { name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') },
      { name: 'letter.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK') },
    ]);
    const source = page.locator('#input-source');
    await expect.poll(() => source.textContent()).toContain('scan.pdf is a PDF, not plain text');
    expect(await source.textContent()).toContain('letter.docx is a Word document');
    // A file dropped on the page is checked the same way.
    const dropped = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File(['x'], 'photo.png', { type: 'image/png' }));
      return dt;
    });
    await page.dispatchEvent('#drop-zone', 'drop', { dataTransfer: dropped });
    await expect.poll(() => source.textContent()).toContain('photo.png is an image');
    // A file, then a pasted note: the note is coded, and the page says so.
    await page.setInputFiles('#note-files', [
      { name: 'htn.txt', mimeType: 'text/plain', buffer: Buffer.from('Essential hypertension.') },
    ]);
    await expect.poll(() => source.textContent()).toBe('');
    await page.fill('#note-text', CT);
    await expect.poll(() => source.textContent()).toContain('The pasted note will be coded');
    await page.click('#submit');
    await expect.poll(() => page.textContent('#result-note')).toContain('pasted-note');
    // No system checked is an error, not "all systems".
    for (const box of await page.locator('input[name="system"]').all()) {
      await box.uncheck();
    }
    await page.click('#submit');
    await expect
      .poll(() => page.textContent('#status'))
      .toContain('Choose at least one code system');
    expect(await page.getAttribute('#status', 'class')).toBe('error');
    // Internal names are in words.
    expect(await page.textContent('body')).not.toMatch(/lexicon-[0-9a-f]{12}|excludes1-conflict/);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('walks a batch with next/previous and flags a note with no codes', async () => {
    const { page, errors } = await newPage(browser, server.url);
    await expect.poll(() => page.textContent('#server-info')).toContain('Code set:');
    await page.setInputFiles('#note-files', [
      { name: 'ct.txt', mimeType: 'text/plain', buffer: Buffer.from(CT) },
      {
        name: 'visit.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('Patient seen today. Doing well.'),
      },
      { name: 'htn.txt', mimeType: 'text/plain', buffer: Buffer.from('Essential hypertension.') },
    ]);
    await page.click('#submit');
    await expect
      .poll(() => page.textContent('#status'), { timeout: 30_000 })
      .toContain('with no codes (flagged)');
    const flagged = page.locator('#batch-rows tr.no-codes');
    expect(await flagged.count()).toBe(1);
    expect(await flagged.textContent()).toContain('no codes: check this note');
    await page.click('#batch-rows button[data-row="0"]');
    expect(await page.textContent('#note-position')).toBe('Note 1 of 3');
    await page.click('#next-note');
    await expect.poll(() => page.textContent('#result-note')).toContain('visit.txt');
    await page.click('#next-note');
    await expect.poll(() => page.textContent('#result-note')).toContain('htn.txt');
    expect(await page.isDisabled('#next-note')).toBe(true);
    await page.click('#prev-note');
    await expect.poll(() => page.textContent('#result-note')).toContain('visit.txt');
    // N and P do the same from the keyboard.
    await page.focus('#results');
    await page.keyboard.press('p');
    await expect.poll(() => page.textContent('#result-note')).toContain('ct.txt');
    await page.keyboard.press('n');
    await expect.poll(() => page.textContent('#result-note')).toContain('visit.txt');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    expect(csv.suggestedFilename()).toMatch(
      new RegExp(`^notecoder-[0-9A-Za-z_-]+-${DATE.source}\\.csv$`),
    );
    expect(csv.suggestedFilename()).not.toContain('visit');
    await page.screenshot({ path: join(SHOTS, '9-batch-review.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
