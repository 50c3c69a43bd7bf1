import type { CodeSystem } from '../core/types.js';
import type { ApiClient } from './api-client.js';
import type { EvidenceItem } from './highlight-note.js';
import type { AddedCode, NoteReview } from './review-state.js';

/** The outcome of checking a code the coder typed: the code to add (and a warning), or why not. */
export type AddCheck =
  | { readonly ok: true; readonly code: AddedCode; readonly warning?: string }
  | { readonly ok: false; readonly message: string };

// "N18.30", "71250-26", "71250 26 59", "j1100".
const TYPED = /^\s*([A-Za-z0-9.]{3,8})((?:\s*[-\s]\s*[A-Za-z0-9]{2})*)\s*$/;

/**
 * Checks a typed code with the code search API: it must exist in the code set (exactly); a category
 * that is not billable is added with a warning, as are modifiers on a diagnosis code.
 * @param typed - what the coder typed, with optional modifiers after dashes
 */
export async function checkCode(api: ApiClient, typed: string): Promise<AddCheck> {
  const m = TYPED.exec(typed);
  if (!m?.[1]) {
    return {
      ok: false,
      message: `“${typed.trim()}” is not a code: type one such as N18.30 or 71250-26.`,
    };
  }
  const raw = m[1];
  const modifiers = (m[2] ?? '')
    .split(/[-\s]+/)
    .filter((x) => x !== '')
    .map((x) => x.toUpperCase());
  const { hits } = await api.search(raw);
  const hit = hits.find((h) => h.matched.field === 'code');
  if (hit === undefined) {
    return { ok: false, message: `${raw.toUpperCase()} is not a code in this code set.` };
  }
  const code: AddedCode = {
    system: hit.system as CodeSystem,
    code: hit.code,
    title: hit.title,
    billable: hit.billable,
    ...(modifiers.length > 0 ? { modifiers } : {}),
  };
  if (!hit.billable) {
    return {
      ok: true,
      code,
      warning: `${hit.code} is ${hit.system === 'ICD-10-CM' ? 'a category (header), not billable: code to one of its children' : 'not reportable as it is'} — open it to choose.`,
    };
  }
  if (modifiers.length > 0 && hit.system === 'ICD-10-CM') {
    return { ok: true, code, warning: `Modifiers apply to procedures, not to ${hit.code}.` };
  }
  return { ok: true, code };
}

/**
 * Adds a typed code to a review after {@link checkCode}, unless it is already among the codes, or is a
 * rejected or suppressed suggestion (Undo or Restore says it better).
 * @returns whether it was added, and the message for the coder
 */
export async function addTypedCode(
  api: ApiClient,
  review: NoteReview,
  items: readonly EvidenceItem[],
  typed: string,
): Promise<{ added: boolean; message: string; warning: boolean }> {
  const no = (message: string): { added: false; message: string; warning: false } => ({
    added: false,
    message,
    warning: false,
  });
  if (typed.trim() === '') {
    return no('Type a code to add, such as N18.30 or 71250-26.');
  }
  const check = await checkCode(api, typed);
  if (!check.ok) {
    return no(check.message);
  }
  const { code } = check;
  const same = (c: { system: string; code: string }): boolean =>
    c.system === code.system && c.code === code.code;
  if (review.reviewedCodes().some(same)) {
    return no(`${code.code} is already among the codes.`);
  }
  const suggested = items.find((i) => same(i.suggestion));
  if (suggested !== undefined) {
    return no(
      suggested.suppressed
        ? `${code.code} was suppressed: use its Restore button instead.`
        : `${code.code} was rejected: use its Undo button instead.`,
    );
  }
  review.add(code);
  return check.warning
    ? { added: true, message: `Added ${code.code}. Warning: ${check.warning}`, warning: true }
    : { added: true, message: `Added ${code.code} (${code.system}).`, warning: false };
}
