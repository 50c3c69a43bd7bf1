import type { CodeSystem } from '../core/types.js';
import type { ApiClient } from './api-client.js';
import type { AddedCode } from './review-state.js';

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
