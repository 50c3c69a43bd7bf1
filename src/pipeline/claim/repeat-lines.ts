import type { Evidence } from '../../core/types.js';
import type { ClaimInput, ClaimKnowledge, DraftLine } from './claim-input.js';
import { notDone, spanOf, wordsIn } from './note-words.js';

const REPEAT =
  /\b(repeat(?:ed)?|second|another|follow-up|post-?(?:reduction|procedure|placement|intubation))\b[^.\n;]{0,80}/gi;
const DONE =
  /\b(obtained|performed|done|taken|acquired|repeated|shows?|showed|demonstrat\w+|reveal\w*)\b/i;
const SAME_DAY =
  /\b(same day|today|this (?:morning|afternoon|evening)|(?:hours?|minutes?) later|later (?:that|the same) day|after (?:the )?(?:reduction|placement|intubation|insertion|procedure|treatment|manipulation)|post-?(?:reduction|procedure|placement|intubation))\b/i;
const OTHER_PHYSICIAN =
  /\b(another|a different|a second|an outside|the on-call|other)\s+(physician|radiologist|provider|doctor|cardiologist|reader)\b/i;

const STUDY: Readonly<Record<string, RegExp>> = {
  xr: /\b(x-?rays?|radiographs?|films?|views?|chest|cxr)\b/i,
  ct: /\b(ct|cat scan|computed tomography)\b/i,
  cta: /\b(cta|ct angiogra\w+)\b/i,
  mr: /\b(mri|mr|magnetic resonance)\b/i,
  us: /\b(ultrasound|sonogram|us|echo\w*)\b/i,
  duplex: /\b(duplex|doppler)\b/i,
};
const TRACING = /\b(ecg|ekg|electrocardiogram|tracing|12-lead)\b/i;

/** Words that name this service in a sentence about a repeat. */
function studyWords(line: DraftLine, knowledge: ClaimKnowledge): RegExp | undefined {
  const entry = knowledge.cpt.get(line.code);
  const modality = entry?.attributes.modality;
  if (modality !== undefined && STUDY[modality] !== undefined) {
    return STUDY[modality];
  }
  return /^930/.test(line.code) ? TRACING : undefined;
}

/**
 * A repeat of a test the same day, documented as done: a second line of the same code with 76 (the same
 * physician repeated it) or 77 (the note says another physician did the first). Only studies (imaging,
 * ECG), only repeats done the same day, never a repeat that is recommended or planned.
 */
export function repeatLines(
  lines: readonly DraftLine[],
  input: ClaimInput,
  knowledge: ClaimKnowledge,
): DraftLine[] {
  const out: DraftLine[] = [];
  // The note's repeat phrases, read when a line is a study (most notes bill none).
  let phrases: Evidence[] | undefined;
  for (const line of lines) {
    const study = studyWords(line, knowledge);
    if (study === undefined) {
      continue;
    }
    phrases ??= wordsIn(input.text, [spanOf(input.text, 0, input.text.length)], REPEAT).filter(
      (p) => !notDone(input.text, p),
    );
    const said = phrases.find(
      (p: Evidence) =>
        study.test(p.text) &&
        DONE.test(p.text) &&
        (SAME_DAY.test(p.text) || /^post/i.test(p.text)) &&
        !line.evidence.some((e) => e.start <= p.start && e.end >= p.end),
    );
    if (said === undefined) {
      continue;
    }
    // The sentence may go on past a semicolon: "…; the first was read by another radiologist."
    const rest = /^[^.\n]*/.exec(input.text.slice(said.start))?.[0] ?? said.text;
    const other = OTHER_PHYSICIAN.test(rest);
    out.push({
      ...line,
      units: 1,
      unitsBasis: { reason: 'the repeat is one more service', evidence: [said] },
      modifiers: [
        {
          code: other ? '77' : '76',
          reason: other
            ? 'the same study repeated the same day, the first by another physician'
            : 'the same study repeated the same day by the same physician',
          evidence: [said],
        },
      ],
      evidence: [said],
      notes: [],
    });
  }
  return out;
}
