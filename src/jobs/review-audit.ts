import type { ReviewCode, ReviewContent } from './review-types.js';

const key = (c: ReviewCode): string => `${c.system} ${c.code}`;

/**
 * What changed between two review states, one line each ("accepted ICD-10-CM E11.9", "removed added
 * CPT 99214", "note changed"). Free text (reasons, notes, the note text) is named, never quoted, so
 * the trail stays readable without carrying PHI beyond what the review itself holds.
 */
export function reviewChanges(before: ReviewContent, after: ReviewContent): string[] {
  const changes: string[] = [];
  const old = new Map(before.decisions.map((d) => [key(d), d]));
  const now = new Map(after.decisions.map((d) => [key(d), d]));
  for (const [k, d] of now) {
    const prior = old.get(k);
    if (prior === undefined || prior.decision !== d.decision) {
      changes.push(`${d.decision} ${k}${d.reason === undefined ? '' : ' with a reason'}`);
    } else if (prior.reason !== d.reason) {
      changes.push(`reason changed for ${k}`);
    }
  }
  for (const k of old.keys()) {
    if (!now.has(k)) {
      changes.push(`decision undone for ${k}`);
    }
  }
  const oldAdded = new Map(before.added.map((a) => [key(a), a]));
  const newAdded = new Map(after.added.map((a) => [key(a), a]));
  for (const [k, a] of newAdded) {
    const prior = oldAdded.get(k);
    if (prior === undefined) {
      changes.push(`added ${k}${a.explanation === undefined ? '' : ' with an explanation'}`);
    } else if (prior.explanation !== a.explanation) {
      changes.push(`explanation changed for ${k}`);
    }
  }
  for (const k of oldAdded.keys()) {
    if (!newAdded.has(k)) {
      changes.push(`removed added ${k}`);
    }
  }
  if (before.note !== after.note) {
    changes.push(after.note === undefined ? 'note removed' : 'note changed');
  }
  if (before.text !== after.text) {
    changes.push(after.text === undefined ? 'note text removed' : 'note text saved');
  }
  return changes;
}
