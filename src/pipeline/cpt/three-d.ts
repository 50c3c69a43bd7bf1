/** A 3D-rendering statement and whether an independent workstation was used. */
export interface ThreeDRendering {
  readonly code: '76376' | '76377';
  readonly span: { start: number; end: number };
  readonly workstationSpan?: { start: number; end: number };
}

// "3D reconstruction", "three-dimensional volume-rendered images", "3D post-processing" — not "3D T1"
// or "3D FLAIR", which are volumetric acquisitions, not rendering.
const RENDERING =
  /\b(?:3-?d|three[- ]dimensional)\s+(?:\w+[- ]){0,2}?(?:render\w*|reconstruct\w*|post-?process\w*|model\w*|volume[- ]render\w*|surface[- ]render\w*|images? (?:were|was) (?:generated|created|rendered))|\bvolume[- ]render\w*/i;
const WORKSTATION =
  /\b(?:independent|separate|dedicated|stand-?alone|off-?line|advanced visuali[sz]ation)\s+(?:\w+\s+){0,2}?workstation\b|\bworkstation\b[^.\n]{0,40}\bindependent/i;

/**
 * Finds documented 3D rendering: 76377 when it was done on an independent workstation, 76376 when on
 * the acquisition scanner. The patterns are bounded (`{0,2}` word gaps) and cannot backtrack badly.
 */
export function threeDRendering(text: string): ThreeDRendering | undefined {
  const m = RENDERING.exec(text);
  if (m === null) {
    return undefined;
  }
  let w = WORKSTATION.exec(text);
  // "no independent workstation was used": the scanner console did it.
  if (w !== null) {
    const before = text.slice(Math.max(0, w.index - 25), w.index);
    const after = text.slice(w.index + w[0].length, w.index + w[0].length + 25);
    if (/\b(no|not|without|nor)\b[^.,;]*$/i.test(before) || /^\s*(was|were)\s+not\b/i.test(after)) {
      w = null;
    }
  }
  const span = { start: m.index, end: m.index + m[0].length };
  return w === null
    ? { code: '76376', span }
    : { code: '76377', span, workstationSpan: { start: w.index, end: w.index + w[0].length } };
}
