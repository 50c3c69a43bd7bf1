import type { DetectResult, Suggestion } from '../core/types.js';

/** One highlightable item: a kept suggestion or a suppressed candidate, by its index in the view. */
export interface EvidenceItem {
  readonly key: string;
  readonly suggestion: Suggestion;
  readonly suppressed: boolean;
}

/** Every item of a result, keys `k<i>` for suggestions and `s<i>` for suppressed candidates. */
export function evidenceItems(result: DetectResult): EvidenceItem[] {
  return [
    ...result.suggestions.map((s, i) => ({
      key: `k${String(i)}`,
      suggestion: s,
      suppressed: false,
    })),
    ...result.suppressed.map((s, i) => ({ key: `s${String(i)}`, suggestion: s, suppressed: true })),
  ];
}

/**
 * Renders the note with every evidence span marked. Overlapping spans are split at every boundary, so
 * each piece knows all the items it supports (`data-items`). Marks are underlined as well as tinted:
 * colour is never the only signal.
 * @param pre - the element to fill (its previous content is replaced)
 * @param text - the note text exactly as submitted (evidence offsets index into it)
 */
export function highlightNote(
  pre: HTMLElement,
  text: string,
  items: readonly EvidenceItem[],
): void {
  const cuts = new Set<number>([0, text.length]);
  const spans: { start: number; end: number; key: string; suppressed: boolean }[] = [];
  for (const item of items) {
    for (const ev of item.suggestion.evidence) {
      if (ev.start >= 0 && ev.end <= text.length && ev.start < ev.end) {
        spans.push({ start: ev.start, end: ev.end, key: item.key, suppressed: item.suppressed });
        cuts.add(ev.start);
        cuts.add(ev.end);
      }
    }
  }
  const points = [...cuts].sort((a, b) => a - b);
  const fragment = document.createDocumentFragment();
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] ?? 0;
    const end = points[i + 1] ?? 0;
    const piece = text.slice(start, end);
    const covering = spans.filter((s) => s.start <= start && s.end >= end);
    if (covering.length === 0) {
      fragment.append(piece);
      continue;
    }
    const mark = document.createElement('mark');
    mark.className = covering.some((s) => !s.suppressed) ? 'ev' : 'ev suppressed-ev';
    mark.dataset.items = [...new Set(covering.map((s) => s.key))].join(' ');
    if (piece.trim() !== '') {
      // Keyboard users reach a highlight with Tab and select it with Enter or Space.
      mark.tabIndex = 0;
      mark.setAttribute('role', 'button');
    }
    mark.textContent = piece;
    fragment.append(mark);
  }
  pre.replaceChildren(fragment);
}
