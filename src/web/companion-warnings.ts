import type { ReviewedCode } from './review-state.js';

/** A "code first" / "use additional code" note of a code, as `/v1/codes/{code}` gives it. */
export interface Instruction {
  readonly kind: 'codeFirst' | 'useAdditionalCode' | 'codeAlso';
  readonly note: string;
  readonly declaredAt: string;
  readonly refs: readonly { readonly from: string; readonly to: string }[];
}

/** A missing companion code, said in words. */
export interface CompanionWarning {
  readonly code: string;
  readonly kind: Instruction['kind'];
  readonly message: string;
}

const dotted = (compact: string): string =>
  compact.length > 3 ? `${compact.slice(0, 3)}.${compact.slice(3)}` : compact;

/** True when `code` falls under a reference: its prefix, or within its range. */
function covers(ref: Instruction['refs'][number], code: string): boolean {
  const compact = code.replace('.', '');
  if (ref.from === ref.to) {
    return compact.startsWith(ref.from);
  }
  return compact.slice(0, ref.from.length) >= ref.from && compact.slice(0, ref.to.length) <= ref.to;
}

const LABEL = { codeFirst: 'Code first', useAdditionalCode: 'Use additional code' } as const;

/**
 * The warnings for the reviewed ICD-10-CM codes whose "use additional code" or "code first" note names
 * codes of which none is among the reviewed codes (I12.9 without an N18 stage code).
 * @param codes - the codes after review
 * @param instructionsOf - the notes of a code, when already loaded
 */
export function companionWarnings(
  codes: readonly ReviewedCode[],
  instructionsOf: (code: string) => readonly Instruction[] | undefined,
): CompanionWarning[] {
  const icd = codes.filter((c) => c.system === 'ICD-10-CM').map((c) => c.code);
  const out: CompanionWarning[] = [];
  for (const code of icd) {
    const others = icd.filter((c) => c !== code);
    // One note split in parts ("control using: insulin (Z79.4)", "oral … (Z79.84)") is one warning.
    const groups = new Map<string, Instruction[]>();
    for (const ins of instructionsOf(code) ?? []) {
      if (ins.kind !== 'codeAlso') {
        const key = `${ins.kind} ${ins.declaredAt}`;
        groups.set(key, [...(groups.get(key) ?? []), ins]);
      }
    }
    for (const group of groups.values()) {
      const refs = group.flatMap((ins) => ins.refs);
      const kind = group[0]?.kind;
      if (kind === undefined || kind === 'codeAlso' || refs.length === 0) {
        continue;
      }
      if (others.some((c) => refs.some((ref) => covers(ref, c)))) {
        continue;
      }
      const named = [
        ...new Set(
          refs.map((r) => (r.from === r.to ? dotted(r.from) : `${dotted(r.from)}–${dotted(r.to)}`)),
        ),
      ].join(', ');
      out.push({
        code,
        kind,
        message: `${code}: ${LABEL[kind]} — “${group.map((ins) => ins.note).join('; ')}”. None of ${named} is among the codes; add one if the note supports it.`,
      });
    }
  }
  return out;
}
