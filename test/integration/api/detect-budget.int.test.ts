import { describe, expect, it } from 'vitest';
import { startFixtureServer } from '../../helpers/api-server.js';

const CHARS = 400_000;

/** A long note of nothing but abbreviations and findings, the slowest class of input found. */
function pathological(chars: number): string {
  const line = 'HTN DM2 CKD3 COPD CHF CAD MI AF PE DVT UTI GERD OSA BPH RA OA SOB CP N/V ';
  return line.repeat(Math.ceil(chars / line.length)).slice(0, chars);
}

describe('/v1/detect time budget (one worker thread)', () => {
  it('abandons a note past its budget in the thread: 504, and the next note answers at once', async () => {
    const text = pathological(CHARS);
    // The budget is set from how long this machine takes over the note when nobody stops it (in
    // this thread, in two halves: the fixture pipeline reads 200,000 characters at most), so the test
    // means the same on a slow and a fast machine. The worker gives the note half of it.
    const { server, fixture, stop } = await startFixtureServer({
      NOTECODER_RATE_LIMIT: '0',
      NOTECODER_MAX_NOTE_CHARS: String(CHARS),
      // Replaced below; the server is restarted with the measured budget.
      NOTECODER_DETECT_TIMEOUT_MS: '60000',
    });
    await stop();
    const t0 = performance.now();
    fixture.pipeline.detect({ id: 'n', text: text.slice(0, CHARS / 2) });
    fixture.pipeline.detect({ id: 'n', text: text.slice(CHARS / 2) });
    const full = performance.now() - t0;
    const budget = Math.max(200, Math.round(full));
    const run = await startFixtureServer({
      NOTECODER_RATE_LIMIT: '0',
      NOTECODER_MAX_NOTE_CHARS: String(CHARS),
      NOTECODER_DETECT_TIMEOUT_MS: String(budget),
      // The same work as measured above (the tagger's windows are checked against the deadline too).
      NOTECODER_TAGGER: 'off',
    });
    const detect = async (note: string): Promise<{ res: Response; ms: number }> => {
      const started = performance.now();
      const res = await run.server.call('/v1/detect', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ note: { id: 'n', text: note } }),
      });
      return { res, ms: performance.now() - started };
    };
    try {
      expect(server.url).toBeDefined();
      const slow = await detect(text);
      expect(slow.res.status).toBe(504);
      expect(slow.res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(((await slow.res.json()) as { code: string }).code).toBe('DETECT_TIMEOUT');
      // The thread stopped working on it: a one-liner does not wait for the rest of the long note.
      const quick = await detect('Assessment: essential hypertension.');
      expect(quick.res.status).toBe(200);
      expect(quick.ms).toBeLessThan(budget / 2);
    } finally {
      await run.stop();
    }
  });
});
