import { isLearned, type Candidate } from '../candidate.js';

/**
 * Whether a candidate may make another drop: only a code the dictionary (or the tagger) found present
 * can, and it must be confident (at or above the operating threshold) or a clear reading whatever its
 * confidence (calibrated on case reports): a tight match, or a good one of three words or more
 * ("hypertensive heart disease with heart failure"). A learned association alone never does. Asked many
 * times per candidate, so remembered per note (by confidence and evidence too: combination codes raise
 * both).
 * @param operating - the operating threshold in effect for the note
 */
export function createStrongReading(operating: number): (c: Candidate) => boolean {
  const seen = new Map<Candidate, { confidence: number; mentions: number; strong: boolean }>();
  return (c) => {
    const known = seen.get(c);
    if (known?.confidence === c.confidence && known.mentions === c.mentions.length) {
      return known.strong;
    }
    let direct = false;
    let clear = false;
    for (const m of c.mentions) {
      if (!isLearned(m.source) && m.assertion === 'present') {
        direct = true;
        clear ||= m.quality >= 0.9 || (m.length >= 3 && m.quality >= 0.7);
      }
    }
    const strong = direct && (c.confidence >= operating || clear);
    seen.set(c, { confidence: c.confidence, mentions: c.mentions.length, strong });
    return strong;
  };
}
