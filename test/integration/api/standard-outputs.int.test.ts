import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InferIcd10cmResponse } from '../../../src/comprehend/infer-icd10cm-types.js';
import { startFixtureServer, type TestServer } from '../../helpers/api-server.js';
import { fhirErrors } from '../../helpers/fhir-validate.js';
import { until } from '../../helpers/fixture-pipeline.js';

let server: TestServer;
let stop: () => Promise<void>;

const post = (path: string, body: unknown): Promise<Response> =>
  server.call(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

async function problem(res: Response): Promise<{ code: string; status: number; field?: string }> {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return (await res.json()) as { code: string; status: number; field?: string };
}

beforeAll(async () => {
  // Index the FHIR definitions first (seconds of CPU): not while the server holds connections open.
  fhirErrors({ resourceType: 'Basic', code: { text: 'warm-up' } });
  const started = await startFixtureServer();
  server = started.server;
  stop = started.stop;
});

afterAll(async () => {
  await stop();
});

const VISIT = `CHIEF COMPLAINT: Follow-up of type 2 diabetes mellitus.
ASSESSMENT: Type 2 diabetes mellitus without complications. Essential hypertension, controlled.
PLAN: Continue metformin and lisinopril.`;

describe('a job note result as FHIR R4 (Accept: application/fhir+json)', () => {
  let jobId = '';
  beforeAll(async () => {
    const res = await post('/v1/jobs', { notes: [{ id: 'visit-1', text: VISIT }] });
    jobId = ((await res.json()) as { id: string }).id;
    await until(async () => {
      const job = (await (await server.call(`/v1/jobs/${jobId}`)).json()) as { status: string };
      return job.status === 'succeeded' ? true : undefined;
    });
  });

  it('answers a Bundle that validates against the R4 definitions with 0 errors', async () => {
    const res = await server.call(`/v1/jobs/${jobId}/notes/visit-1`, {
      headers: { accept: 'application/fhir+json' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    const bundle = (await res.json()) as {
      resourceType: string;
      entry: { resource: { resourceType: string } }[];
    };
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.entry.map((e) => e.resource.resourceType)).toContain('Condition');
    expect(fhirErrors(bundle)).toEqual([]);
  });

  it('answers the note outcome as JSON by default, 404 for an unknown note, 406 for an unknown type', async () => {
    const json = await server.call(`/v1/jobs/${jobId}/notes/visit-1`);
    expect(
      ((await json.json()) as { noteId: string; result: { claim?: unknown } }).result.claim,
    ).toBeDefined();
    const missing = await server.call(`/v1/jobs/${jobId}/notes/nope`);
    expect(missing.status).toBe(404);
    expect((await problem(missing)).code).toBe('NOTE_RESULT_NOT_FOUND');
    const html = await server.call(`/v1/jobs/${jobId}/notes/visit-1`, {
      headers: { accept: 'text/html' },
    });
    expect(html.status).toBe(406);
    expect((await problem(html)).code).toBe('NOT_ACCEPTABLE');
  });
});

/*
 * The InferICD10CM contract, after the response examples AWS publishes for the operation (an entity per
 * condition with Category MEDICAL_CONDITION and Type DX_NAME, offsets into Text, traits, and ranked
 * ICD10CMConcepts with Description/Code/Score; ModelVersion beside Entities), on a note of our own.
 */
describe('POST /v1/comprehend/infer-icd10-cm', () => {
  const TEXT =
    'Essential hypertension, well controlled on lisinopril. Type 2 diabetes mellitus without ' +
    'complications. No chronic kidney disease on recent labs.';

  it('answers the InferICD10CM shape', async () => {
    const res = await post('/v1/comprehend/infer-icd10-cm', { Text: TEXT });
    expect(res.status).toBe(200);
    const body = (await res.json()) as InferIcd10cmResponse;
    expect(Object.keys(body).sort()).toEqual(['Entities', 'ModelVersion']);
    expect(typeof body.ModelVersion).toBe('string');
    expect(body.Entities.length).toBeGreaterThan(0);
    const traitNames = new Set([
      'NEGATION',
      'DIAGNOSIS',
      'SIGN',
      'SYMPTOM',
      'PERTAINS_TO_FAMILY',
      'HYPOTHETICAL',
      'LOW_CONFIDENCE',
    ]);
    body.Entities.forEach((e, i) => {
      expect(Object.keys(e).sort()).toEqual(
        [
          'BeginOffset',
          'Category',
          'EndOffset',
          'ICD10CMConcepts',
          'Id',
          'Score',
          'Text',
          'Traits',
          'Type',
        ].sort(),
      );
      expect(e.Id).toBe(i);
      expect(e.Category).toBe('MEDICAL_CONDITION');
      expect(e.Type).toBe('DX_NAME');
      expect(TEXT.slice(e.BeginOffset, e.EndOffset)).toBe(e.Text);
      expect(e.Score).toBeGreaterThan(0);
      expect(e.Score).toBeLessThanOrEqual(1);
      for (const t of e.Traits) {
        expect(traitNames.has(t.Name)).toBe(true);
      }
      const scores = e.ICD10CMConcepts.map((c) => c.Score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      for (const c of e.ICD10CMConcepts) {
        expect(Object.keys(c).sort()).toEqual(['Code', 'Description', 'Score']);
      }
    });
    const byCode = (code: string): InferIcd10cmResponse['Entities'][number] | undefined =>
      body.Entities.find((e) => e.ICD10CMConcepts.some((c) => c.Code === code));
    expect(byCode('I10')?.Traits.map((t) => t.Name)).toContain('DIAGNOSIS');
    expect(byCode('E11.9')?.Traits.map((t) => t.Name)).toEqual(['DIAGNOSIS']);
    const ckd = body.Entities.find((e) => e.ICD10CMConcepts.some((c) => c.Code.startsWith('N18')));
    expect(ckd?.Traits.map((t) => t.Name)).toContain('NEGATION');
  });

  it('bad input answers problem+json with a stable code', async () => {
    const empty = await post('/v1/comprehend/infer-icd10-cm', { Text: '  ' });
    expect(empty.status).toBe(400);
    expect(await problem(empty)).toMatchObject({ code: 'INVALID_REQUEST', field: 'Text' });
    const long = await post('/v1/comprehend/infer-icd10-cm', { Text: 'a'.repeat(10_001) });
    expect(long.status).toBe(400);
    expect((await problem(long)).code).toBe('TEXT_SIZE_LIMIT_EXCEEDED');
    const wrong = await post('/v1/comprehend/infer-icd10-cm', { text: TEXT });
    expect((await problem(wrong)).code).toBe('INVALID_REQUEST');
  });
});

describe('OpenAPI', () => {
  it('documents result.claim, the FHIR media type and the Comprehend route', async () => {
    const doc = (await (await server.call('/openapi.json')).json()) as {
      paths: Record<string, { get?: { responses: Record<string, { content?: object }> } }>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    expect(doc.components.schemas.DetectResult?.properties?.claim).toEqual({
      $ref: '#/components/schemas/Claim',
    });
    expect(Object.keys(doc.components.schemas.ClaimLine?.properties ?? {})).toEqual(
      expect.arrayContaining(['units', 'modifiers', 'diagnosisPointers', 'findings']),
    );
    const note = doc.paths['/v1/jobs/{id}/notes/{noteId}']?.get?.responses['200']?.content;
    expect(Object.keys(note ?? {})).toContain('application/fhir+json');
    expect(doc.paths['/v1/comprehend/infer-icd10-cm']).toBeDefined();
  });
});
