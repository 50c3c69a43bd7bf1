import type { CptEntry, CptLexicon } from '../../codes/cpt/cpt-types.js';
import type { Evidence, Setting } from '../../core/types.js';
import { newCandidate, type Candidate } from '../candidate.js';
import { cabgGrafts } from './cabg-grafts.js';
import { emCandidates } from './em/em-candidates.js';
import type { EmKnowledge } from './em/em-types.js';
import { examCandidates } from './imaging-exams.js';
import { procedureNoteKind } from './procedure-scope.js';
import { reportFindings, type ReportSignature } from './report-signatures.js';
import { threeDRendering } from './three-d.js';
import { detectSections, type SectionName, type SectionSpan } from '../../text/sections.js';

/** Sections whose heading may open an imaging report's first line. */
const TITLE_SECTIONS: ReadonlySet<SectionName> = new Set([
  'title',
  'procedure',
  'exam',
  'findings',
]);

/** What the note-level CPT detectors need beyond the CPT lexicon. */
export interface CptNoteOptions {
  /** The note's setting: office vs hospital E/M families, office vs inpatient consults. */
  readonly setting: Setting;
  /** E/M levels and cue lexicons. */
  readonly em: EmKnowledge;
  /** The note's sections, when the caller has them (saves reading them again). */
  readonly sections?: readonly SectionSpan[];
  /** Diagnostic tests known by the words of their own report. */
  readonly reports?: readonly ReportSignature[];
}

/**
 * The CPT codes a note documents as a whole: the imaging exam of its title (radiology by modality ×
 * region × contrast × views, with 26 and LT/RT/50 modifiers), 3D rendering (76376 on the scanner, 76377
 * on an independent workstation), the coronary bypass grafts an operative note counts (`cabgGrafts`),
 * and the E/M visit (family from the note's words and setting, level
 * by documented time or medical decision making; see `emVisit`).
 * @param noteText - the note
 * @param cpt - the CPT lexicon
 * @param radiologyEntries - its entries that carry imaging facets
 * @param options - the note's setting and the E/M knowledge
 */
export function cptCandidates(
  noteText: string,
  cpt: CptLexicon,
  radiologyEntries: readonly CptEntry[],
  options: CptNoteOptions,
): Candidate[] {
  const out: Candidate[] = [];
  const make = (
    code: string,
    confidence: number,
    ev: Evidence,
    reason: string,
    modifiers: string[] = [],
  ): Candidate => {
    const entry = cpt.entries.find((e) => e.code === code);
    const c = newCandidate('CPT', code, entry?.description ?? '');
    c.mentions.push({
      first: 0,
      last: 0,
      evidence: ev,
      source: 'radiology',
      quality: 1,
      assertion: 'present',
      length: 1,
      term: ev.text,
    });
    c.reasons.push(reason);
    c.modifiers.push(...modifiers);
    c.fixedConfidence = confidence;
    c.confidence = confidence;
    return c;
  };
  const sections = options.sections ?? detectSections(noteText);
  const kind = procedureNoteKind(sections);
  // A discharge summary's "PROCEDURES: chest x-ray" was read by radiology, not billed by the summary.
  const summary = kind === 'summary';
  // The exam named after "EXAM:", else by the report's title ("PROCEDURE: breath-hold CT was
  // performed" under "CORONARY CT ANGIOGRAPHY"), else by its technique.
  const lines = summary
    ? []
    : [
        labelledLine(noteText),
        titleLine(noteText),
        kind === 'report' ? techniqueLine(noteText, sections) : undefined,
      ];
  let exams: Candidate[] = [];
  const header = examHeader(noteText);
  lines.forEach((line, k) => {
    if (line !== undefined && exams.length === 0) {
      exams = examCandidates(noteText, line, radiologyEntries, make, k === 0 && header);
    }
  });
  const imaging = exams.length > 0;
  out.push(...exams);
  const rendering = threeDRendering(noteText);
  if (rendering !== undefined) {
    out.push(
      make(
        rendering.code,
        0.9,
        evidenceOf(noteText, rendering.span.start, rendering.span.end),
        rendering.code === '76377'
          ? '3D rendering on an independent workstation'
          : '3D rendering without an independent workstation (on the acquisition scanner)',
        ['26'],
      ),
    );
  }
  for (const g of cabgGrafts(noteText, sections, kind)) {
    out.push(
      make(g.code, 0.85, evidenceOf(noteText, g.start, g.end), `coronary bypass: ${g.note}`),
    );
  }
  for (const f of reportFindings(noteText, sections, options.reports ?? [])) {
    if (!out.some((c) => c.code === f.code)) {
      // The reading physician's component, for a test split into professional and technical parts.
      const split = cpt.entries.find((e) => e.code === f.code)?.modifiers.includes('26') === true;
      out.push(
        make(f.code, 0.85, evidenceOf(noteText, f.start, f.end), f.note, split ? ['26'] : []),
      );
    }
  }
  out.push(
    ...emCandidates(noteText, cpt, options.em, {
      setting: options.setting,
      imagingReport: imaging,
      ...(options.sections ? { sections: options.sections } : {}),
    }),
  );
  return out;
}

export function evidenceOf(text: string, start: number, end: number): Evidence {
  return { start, end, text: text.slice(start, end) };
}

type ExamText = { text: string; start: number; end: number };

/** The exam title of an imaging report: the text after "EXAM:" (or similar), else the first line. */
export function examLine(text: string): ExamText | undefined {
  return labelledLine(text) ?? titleLine(text);
}

/** The text after "EXAM:", "STUDY:" or "PROCEDURE:" near the top of the note. */
function labelledLine(text: string): ExamText | undefined {
  const labelled = /^(?:exam(?:ination)?|study|procedure|exam performed)\s*:\s*(.+)$/im.exec(
    text.slice(0, 2000),
  );
  if (labelled?.[1] === undefined) {
    return undefined;
  }
  const start = labelled.index + labelled[0].indexOf(labelled[1]);
  return { text: labelled[1], start, end: start + labelled[1].length };
}

/**
 * Whether the note opens with its exam ("EXAM: Thoracic spine." on its first or second line, a title's
 * length): a report's header, not an examination section ("EXAM: BP 120/80 …").
 */
function examHeader(text: string): boolean {
  // A title is short: "EXAMINATION: Tender over the left ribs, no crepitus, …" is an examination's findings.
  return /^(?:[^\n]*\n)?[ \t]*(?:exam(?:ination)?|study)\s*:[^\n]{1,80}(?:\n|$)/i.test(text);
}

/** The note's first line, when it is short and no section of the note. */
function titleLine(text: string): ExamText | undefined {
  const firstBreak = text.indexOf('\n');
  // A first line longer than a title is the note's first paragraph ("The patient was taken to…").
  if ((firstBreak < 0 ? text.length : firstBreak) > 200) {
    return undefined;
  }
  const end = firstBreak < 0 ? text.length : firstBreak;
  const line = text.slice(0, end);
  // A first line that is a section of the note ("REASON FOR CONSULTATION: abnormal EKG", "HISTORY:
  // ...") is not the title of an exam.
  const heading = detectSections(line)[0];
  if (heading !== undefined && heading.start === 0 && !TITLE_SECTIONS.has(heading.name)) {
    return undefined;
  }
  return line.trim() === '' ? undefined : { text: line, start: 0, end };
}

/**
 * A report without a title states its exam in the technique's first sentence ("Axial CT images were
 * obtained through the cervical spine without contrast").
 */
function techniqueLine(
  text: string,
  sections: readonly SectionSpan[],
): { text: string; start: number; end: number } | undefined {
  const technique = sections.find((s) => s.name === 'technique');
  if (technique === undefined) {
    return undefined;
  }
  let start = Math.min(technique.end, technique.start + technique.heading.length + 1);
  while (start < technique.end && /\s/.test(text[start] ?? '')) {
    start++;
  }
  const body = text.slice(start, technique.end);
  const stop = body.search(/\.\s|\n/);
  const end = start + (stop < 0 ? body.length : stop);
  return end > start ? { text: text.slice(start, end), start, end } : undefined;
}
