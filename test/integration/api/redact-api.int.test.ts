import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type TestServer } from '../../helpers/api-server.js';
import { until } from '../../helpers/fixture-pipeline.js';

// A note written for this test; every identifier in it is made up and planted to be searched for.
const PLANTED = {
  name: 'Thaddeus Quillfeather',
  surname: 'Quillfeather',
  dob: '04/17/1936',
  mrn: '55817302',
  phone: '(617) 555-0148',
  email: 'tquill.ferndale@example.net',
  street: '8812 Larkspur Ln',
  zip: '02139',
};
const NOTE = [
  `Patient: ${PLANTED.name}`,
  `DOB: ${PLANTED.dob}`,
  `MRN: ${PLANTED.mrn}`,
  `Phone: ${PLANTED.phone}`,
  `Email: ${PLANTED.email}`,
  `Address: ${PLANTED.street}, Cambridge, MA ${PLANTED.zip}`,
  '',
  `Mr. ${PLANTED.surname} is seen for CT chest with 3D rendering on the scanner console.`,
  `Assessment: essential hypertension. ${PLANTED.surname} will return in a month.`,
].join('\n');

let server: TestServer;
let stop: () => Promise<void>;
let dataDir = '';

const post = (path: string, body: unknown, type = 'application/json'): Promise<Response> =>
  server.call(path, {
    method: 'POST',
    headers: { 'content-type': type },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

async function problem(res: Response): Promise<{ code: string; status: number; field?: string }> {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await res.json()) as { code: string; status: number };
}

beforeAll(async () => {
  const started = await startFixtureServer({ NOTECODER_MAX_NOTE_CHARS: '5000' });
  server = started.server;
  stop = started.stop;
  dataDir = server.config.dataDir;
});

afterAll(async () => {
  await stop();
});

describe('POST /v1/redact', () => {
  it('answers the redacted note and its spans', async () => {
    const res = await post('/v1/redact', { text: NOTE });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { text: string; spans: { type: string }[] };
    for (const value of Object.values(PLANTED)) {
      expect(body.text).not.toContain(value);
    }
    expect(body.text).toContain('Mr. [NAME] is seen for CT chest');
    expect(new Set(body.spans.map((s) => s.type))).toEqual(
      new Set(['NAME', 'DATE', 'ID', 'CONTACT', 'LOCATION']),
    );
    const fake = (await (await post('/v1/redact', { text: NOTE, surrogate: true })).json()) as {
      text: string;
    };
    expect(fake.text).not.toContain('[NAME]');
    expect(fake.text).not.toContain(PLANTED.surname);
  });

  it('answers bad input with problem+json and a catalogued code', async () => {
    expect(await problem(await post('/v1/redact', {}))).toMatchObject({
      status: 400,
      code: 'INVALID_REQUEST',
      field: 'text',
    });
    expect(await problem(await post('/v1/redact', { text: 5 }))).toMatchObject({
      code: 'INVALID_REQUEST',
    });
    expect(await problem(await post('/v1/redact', { text: 'a', extra: 1 }))).toMatchObject({
      code: 'INVALID_REQUEST',
    });
    expect(await problem(await post('/v1/redact', { text: 'a', surrogate: 'yes' }))).toMatchObject({
      code: 'INVALID_REQUEST',
      field: 'surrogate',
    });
    expect(await problem(await post('/v1/redact', '{"text": '))).toMatchObject({
      status: 400,
      code: 'MALFORMED_JSON',
    });
    expect(await problem(await post('/v1/redact', 'text', 'text/plain'))).toMatchObject({
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    expect(await problem(await post('/v1/redact', { text: 'x'.repeat(5001) }))).toMatchObject({
      status: 413,
      code: 'NOTE_TOO_LARGE',
    });
    expect(await problem(await post('/v1/redact', { text: '  \n' }))).toMatchObject({
      status: 422,
      code: 'NOTE_EMPTY',
    });
    expect(await problem(await server.call('/v1/redact'))).toMatchObject({
      status: 405,
      code: 'METHOD_NOT_ALLOWED',
    });
  });
});

describe('a job with redact: true', () => {
  it('stores, returns and keeps only redacted text, and codes as without it', async () => {
    const submit = async (redact: boolean): Promise<string> => {
      const res = await post('/v1/jobs', {
        notes: [{ id: `n-${String(redact)}`, text: NOTE }],
        options: { redact, threshold: 0 },
      });
      expect(res.status).toBe(202);
      return ((await res.json()) as { id: string }).id;
    };
    const finished = async (
      id: string,
    ): Promise<{ results: { result: Record<string, unknown> }[] }> =>
      until(async () => {
        const body = (await (await server.call(`/v1/jobs/${id}`)).json()) as {
          status: string;
          results: { result: Record<string, unknown> }[];
        };
        return body.status === 'succeeded' ? body : undefined;
      });
    const plainId = await submit(false);
    const plain = await finished(plainId);
    const redactedId = await submit(true);
    const redacted = await finished(redactedId);
    type Result = {
      suggestions: { code: string; evidence: { start: number; end: number }[] }[];
      redacted?: { text: string };
    };
    const a = plain.results[0]?.result as unknown as Result;
    const b = redacted.results[0]?.result as unknown as Result;
    // The same codes, with evidence at the same offsets into the submitted note.
    expect(b.suggestions.map((s) => s.code)).toEqual(a.suggestions.map((s) => s.code));
    expect(b.suggestions.length).toBeGreaterThan(0);
    expect(b.suggestions.map((s) => s.evidence.map((e) => [e.start, e.end]))).toEqual(
      a.suggestions.map((s) => s.evidence.map((e) => [e.start, e.end])),
    );
    expect(a.redacted).toBeUndefined();
    expect(b.redacted?.text).toContain('Patient: [NAME]');
    const served = JSON.stringify(redacted);
    // The claim lines' evidence and reasons are part of what is grepped.
    expect(served).toContain('"claim":{');
    for (const value of Object.values(PLANTED)) {
      expect(served, value).not.toContain(value);
    }

    // The store: every SQLite file (database, WAL, shared memory) holds none of the planted values.
    const files = readdirSync(dataDir).filter((f) => f.startsWith('jobs.sqlite'));
    expect(files).toContain('jobs.sqlite');
    const bytes = Buffer.concat(files.map((f) => readFileSync(join(dataDir, f))));
    // The grep reads the store: it finds what the store does keep (the jobs' ids).
    expect(bytes.includes(Buffer.from(redactedId))).toBe(true);
    for (const value of Object.values(PLANTED)) {
      expect(bytes.includes(Buffer.from(value)), `store holds ${value}`).toBe(false);
    }
  });
});
