/**
 * "Attempted" (or "unsuccessful") before a procedure's words, with at most three words between and no
 * comma or clause break ("attempted laparoscopic cholecystectomy", "attempted and unsuccessful
 * insertion of an arterial line", "with attempted intraoperative cholangiogram").
 */
const BEFORE =
  /\b(?:attempted|unsuccessful(?:ly)?|an attempt at|attempts? (?:at|to)(?: perform)?)\s+(?:(?:and|but)\s+(?:unsuccessful|failed|aborted)\s+)?(?:[a-z][\w/-]*\s+){0,3}$/i;

/** Inside the words: a part of the procedure attempted ("cholecystectomy with attempted cholangiogram"). */
const WITHIN = /\b(?:attempted|unsuccessful(?:ly)?)\b/i;

/**
 * After the procedure's words, in the same clause: "was attempted", "was unsuccessful", "was aborted",
 * "could not be completed" ("Cannulation of the duct was attempted but failed").
 */
const AFTER =
  /^[^.;:\n]{0,40}?\b(?:(?:was|were)\s+(?:then\s+|also\s+)?(?:attempted|unsuccessful|aborted|abandoned)|could not be (?:performed|completed|done|passed|placed|cannulated))\b/i;

/**
 * Whether the words of a procedure at `start`–`end` tell an attempt that was not completed: CPT bills
 * a procedure as done only when it was (a discontinued one takes modifier 53 and a coder's review, a
 * laparoscopy converted to open bills the open procedure only). The look stays on the procedure's
 * line and clause, so a later "attempted" of something else changes nothing.
 * @param text - the note
 * @param start - where the procedure's words begin
 * @param end - where they end
 */
export function attemptedOnly(text: string, start: number, end: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(Math.max(lineStart, start - 80), start);
  return (
    BEFORE.test(before) ||
    WITHIN.test(text.slice(start, end)) ||
    AFTER.test(text.slice(end, end + 80))
  );
}
