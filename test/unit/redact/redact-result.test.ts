import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DetectResult } from '../../../src/core/types.js';
import { redactResult } from '../../../src/redact/redact-result.js';
import { sharedRedactor } from '../../../src/redact/shared-redactor.js';
import { execDetectJob } from '../../../workers/detect-processor.js';
import { fixturePipeline, type FixturePipeline } from '../../helpers/fixture-pipeline.js';
import { tempDir } from '../../helpers/fixtures.js';

let t: { dir: string; cleanup: () => void };
let fx: FixturePipeline;
beforeAll(() => {
  t = tempDir();
  fx = fixturePipeline(t.dir);
});
afterAll(() => {
  t.cleanup();
});

describe('redactResult', () => {
  it('redacts evidence by position and reasons by value, keeping offsets', () => {
    const text = 'Mrs. Evangeline Sørby fell at Larchmont Clinic. Fracture of the wrist.';
    const start = text.indexOf('Evangeline');
    const result: DetectResult = {
      noteId: 'n',
      suggestions: [
        {
          code: 'S62.90XA',
          system: 'ICD-10-CM',
          title: 'Fracture of wrist',
          confidence: 0.9,
          assertion: 'present',
          evidence: [
            { start: 0, end: text.indexOf(' fell'), text: text.slice(0, text.indexOf(' fell')) },
            {
              start: text.indexOf('Fracture'),
              end: text.length - 1,
              text: 'Fracture of the wrist',
            },
          ],
          reasons: ['learned from coded notes: "evangeline fell at larchmont clinic"'],
        },
      ],
      suppressed: [],
      versions: { codeSet: 'x', lexiconOnly: false, detector: 'y' },
    };
    const redaction = sharedRedactor().redact(text);
    const out = redactResult(result, text, redaction);
    const s = out.suggestions[0];
    expect(s?.evidence[0]).toEqual({ start: 0, end: text.indexOf(' fell'), text: 'Mrs. [NAME]' });
    expect(s?.evidence[1]?.text).toBe('Fracture of the wrist');
    expect(s?.reasons[0]).toBe('learned from coded notes: "[NAME] fell at [LOCATION]"');
    expect(out.redacted?.text).toBe('Mrs. [NAME] fell at [LOCATION]. Fracture of the wrist.');
    expect(start).toBeGreaterThan(0);
  });
});

describe('execDetectJob with redact: true', () => {
  const note =
    'Patient: Casimir Aldergrove\nDOB: 12/02/1951\nCT chest with 3D rendering on the scanner console. ' +
    'Mr. Aldergrove has essential hypertension. Call 603-555-0119.';

  it('codes as without it and returns only redacted text', async () => {
    const [plain] = await execDetectJob(fx.detector, {
      notes: [{ id: 'a', text: note }],
      options: { threshold: 0 },
    });
    const [red] = await execDetectJob(fx.detector, {
      notes: [{ id: 'a', text: note }],
      options: { threshold: 0, redact: true },
    });
    expect(red?.result?.suggestions.map((s) => s.code)).toEqual(
      plain?.result?.suggestions.map((s) => s.code),
    );
    expect(red?.result?.suggestions.length).toBeGreaterThan(0);
    expect(red?.result?.redacted?.text).toContain('Patient: [NAME]\nDOB: [DATE]');
    const json = JSON.stringify(red);
    for (const value of ['Casimir', 'Aldergrove', '12/02/1951', '603-555-0119']) {
      expect(json).not.toContain(value);
    }
  });
});

describe('redactResult on claim lines', () => {
  it('redacts the evidence, reasons and notes of every claim line', () => {
    const text = 'Mrs. Evangeline Sørby had a repeat chest x-ray later the same day.';
    const words = text.slice(0, text.indexOf(' had'));
    const ev = { start: 0, end: words.length, text: words };
    const inferred = { reason: `seen by Evangeline Sørby`, evidence: [ev] };
    const result: DetectResult = {
      noteId: 'n',
      suggestions: [],
      suppressed: [],
      versions: { codeSet: 't', lexiconOnly: false, detector: 't' },
      claim: {
        component: 'professional',
        diagnoses: [],
        firstListed: { code: 'R07.9', ...inferred },
        lines: [
          {
            line: 1,
            code: '71045',
            system: 'CPT',
            title: 'chest x-ray',
            units: 1,
            unitsBasis: inferred,
            modifiers: [{ code: '76', ...inferred }],
            diagnosisCodes: [],
            diagnosisPointers: [],
            pointerReasons: [inferred],
            evidence: [ev],
            notes: ['about Evangeline Sørby'],
          },
        ],
        edits: {},
      },
    };
    const out = redactResult(result, text, sharedRedactor().redact(text));
    const served = JSON.stringify(out.claim);
    expect(served).not.toContain('Evangeline');
    expect(served).not.toContain('Sørby');
    expect(out.claim?.lines[0]?.evidence[0]).toMatchObject({ start: 0, end: words.length });
  });
});
