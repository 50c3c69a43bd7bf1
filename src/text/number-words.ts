/** Number words notes spell out for counts, lengths and minutes ("two lesions", "fifteen minutes"). */
export const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  twenty: 20,
};

const ROMAN: Readonly<Record<string, string>> = { i: '1', ii: '2', iii: '3', iv: '4', v: '5' };

/**
 * Roman numerals of a stage, grade, class or type as digits ("stage IIIa" → "stage 3a", "type II" →
 * "type 2"); offsets change only inside the numeral.
 */
export function arabicStages(text: string): string {
  return text.replace(
    /\b(stage|grade|class|type|phase|category)(\s+)(iii|ii|iv|i|v)([ab])?\b/gi,
    (_, word: string, space: string, roman: string, sub: string | undefined) =>
      `${word}${space}${ROMAN[roman.toLowerCase()] ?? roman}${sub?.toLowerCase() ?? ''}`,
  );
}
