import { describe, expect, it } from 'vitest';
import { impressionFindings } from '../../../src/pipeline/select/impression-findings.js';
import { detectSections } from '../../../src/text/sections.js';
import { detectResult, suggestion } from '../../helpers/suggestions.js';

// A report written for these tests: findings with a symptom word and an incidental condition.
const REPORT = `CT ABDOMEN AND PELVIS WITH CONTRAST
INDICATION: Right lower quadrant pain.
FINDINGS: The patient had nausea during the contrast injection. Simple cyst of the left kidney. The appendix is dilated with surrounding stranding.
IMPRESSION: Acute appendicitis.`;

const at = (text: string, words: string): number => text.indexOf(words);
const run = (text: string, ...spec: [string, string][]) =>
  impressionFindings(
    detectResult(
      ...spec.map(([code, words]) =>
        suggestion(code, 0.6, { start: at(text, words), text: words }),
      ),
    ),
    detectSections(text),
    0.3,
  );

describe('a report coded from its impression', () => {
  it('drops a sign or symptom read only in the findings of a report whose impression concludes', () => {
    const out = run(
      REPORT,
      ['K35.80', 'Acute appendicitis'],
      ['R11.0', 'nausea'],
      ['N28.1', 'Simple cyst of the left kidney'],
    );
    expect(out.suggestions.map((s) => s.code)).toEqual(['K35.80', 'N28.1']);
    expect(out.suppressed.map((s) => [s.code, s.reason])).toEqual([
      ['R11.0', 'findings-not-in-impression'],
    ]);
  });

  it('keeps the findings when the impression concludes nothing codable, or there is no impression', () => {
    const negative = REPORT.replace('Acute appendicitis.', 'No acute process.');
    expect(run(negative, ['R11.0', 'nausea']).suggestions.map((s) => s.code)).toEqual(['R11.0']);
    const open = REPORT.replace(/\nIMPRESSION:.*$/s, '');
    expect(
      run(open, ['R11.0', 'nausea'], ['N28.1', 'Simple cyst of the left kidney']).suggestions.map(
        (s) => s.code,
      ),
    ).toEqual(['R11.0', 'N28.1']);
  });
});
