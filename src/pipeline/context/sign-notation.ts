/** A review-of-systems sign in the raw text: where it is, and what it does. */
export interface Sign {
  readonly at: number;
  readonly category: 'absent' | 'terminate';
  readonly direction: 'pre' | 'post';
}

const SIGN =
  /\(\s*([-−–]|\+)\s*\)|(?<![A-Za-z0-9])([-−–]|\+)ve\b|(?<![A-Za-z0-9])neg\.?(?=\s+for\b)/gi;

/**
 * Sign notation of templates and dictation: "(-) fever", "fever (-)", "(+) cough", "-ve for", "+ve",
 * "neg for". A sign right after a word annotates that word (backward); otherwise it governs what follows.
 * Linear in the note; runs only where the note holds a sign character.
 */
export function signNotation(raw: string): Sign[] {
  if (!/[()]|ve\b|neg/i.test(raw)) {
    return [];
  }
  const signs: Sign[] = [];
  for (const m of raw.matchAll(SIGN)) {
    const symbol = m[1] ?? m[2] ?? '-';
    const category = symbol === '+' ? 'terminate' : 'absent';
    let k = m.index - 1;
    while (k >= 0 && (raw[k] === ' ' || raw[k] === '\t')) {
      k--;
    }
    const afterWord = k >= 0 && /[A-Za-z0-9]/.test(raw[k] ?? '') && m[0].startsWith('(');
    signs.push({ at: m.index, category, direction: afterWord ? 'post' : 'pre' });
  }
  return signs;
}

/**
 * Whether the word ending at `end` is a field label: a colon follows it (after spaces) and more text
 * follows on the same line ("Respiratory: wheezing"). Times ("10:30") are not labels.
 */
export function isFieldLabel(raw: string, end: number): boolean {
  let k = end;
  while (raw[k] === ' ') {
    k++;
  }
  if (raw[k] !== ':' || /[0-9]/.test(raw[end - 1] ?? '')) {
    return false;
  }
  return /[^\s]/.test(raw.slice(k + 1, k + 40).split('\n')[0] ?? '');
}
