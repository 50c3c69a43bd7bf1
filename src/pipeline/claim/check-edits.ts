import type { EditFinding } from '../../core/claim-types.js';
import type { MueEdit, PtpEdit } from '../../codes/edits/edit-tables.js';
import type { ClaimInput, ClaimKnowledge, DraftLine } from './claim-input.js';
import { addDistinctModifier } from './distinct-modifiers.js';

/** Modifiers NCCI lets bypass a PTP edit with modifier indicator 1 (distinct service, anatomic, E/M). */
const BYPASS =
  /^(59|XE|XS|XP|XU|LT|RT|E[1-4]|F[A1-9]|T[A1-9]|LC|LD|LM|RC|RI|24|25|57|58|78|79|91)$/;

const MAI_WORDS: Readonly<Record<string, string>> = {
  '1': 'line edit',
  '2': 'date-of-service edit (policy)',
  '3': 'date-of-service edit (clinical)',
};

/** True when an edit is in force on the date of service (all not deleted ones when it is unknown). */
function inForce(edit: PtpEdit, date: string | undefined): boolean {
  if (date === undefined) {
    return edit.deletion === undefined;
  }
  return edit.effective <= date && (edit.deletion === undefined || date < edit.deletion);
}

function mueFindings(
  lines: readonly DraftLine[],
  rows: ReadonlyMap<string, MueEdit>,
  source: string,
): Map<DraftLine, EditFinding[]> {
  const out = new Map<DraftLine, EditFinding[]>();
  for (const line of lines) {
    const mue = rows.get(line.code);
    if (mue === undefined) {
      continue;
    }
    // A line edit (MAI 1) counts the line's units; date-of-service edits count every line of the code.
    const units =
      mue.mai === '1'
        ? line.units
        : lines.filter((l) => l.code === line.code).reduce((s, l) => s + l.units, 0);
    if (
      units > mue.value &&
      (mue.mai === '1' || lines.find((l) => l.code === line.code) === line)
    ) {
      out.set(line, [
        {
          rule: 'mue',
          action: 'review',
          message: `${String(units)} units of ${line.code} exceed its MUE of ${String(mue.value)} (${MAI_WORDS[mue.mai] ?? `MAI ${mue.mai}`}${mue.rationale ? `; ${mue.rationale}` : ''})`,
          source,
          details: { mue: mue.value, mai: mue.mai, units },
        },
      ]);
    }
  }
  return out;
}

function ptpFinding(
  edit: PtpEdit,
  column1: DraftLine,
  column2: DraftLine,
  input: ClaimInput,
  source: string,
): EditFinding {
  const details = {
    column1: edit.column1,
    column2: edit.column2,
    modifierIndicator: edit.modifier,
    effective: edit.effective,
    ...(edit.deletion === undefined ? {} : { deletion: edit.deletion }),
  };
  const base = `${edit.column2} is column 2 of ${edit.column1} (NCCI PTP, modifier indicator ${edit.modifier}${edit.rationale ? `; ${edit.rationale}` : ''})`;
  if (edit.modifier === '0') {
    return {
      rule: 'ptp',
      action: 'drop',
      message: `${base}: never paid together, no modifier allows it`,
      source,
      details,
    };
  }
  // An anatomic modifier (RT, F1, …) sets the pair apart only where column 1 does not carry the same one.
  const bypass =
    column2.modifiers.find(
      (m) => BYPASS.test(m.code) && !column1.modifiers.some((o) => o.code === m.code),
    ) ?? (addDistinctModifier(column2, column1, input) ? column2.modifiers.at(-1) : undefined);
  if (bypass !== undefined) {
    return {
      rule: 'ptp',
      action: 'bypassed',
      message: `${base}: allowed by the documented modifier ${bypass.code}`,
      source,
      details: { ...details, modifier: bypass.code },
    };
  }
  return {
    rule: 'ptp',
    action: 'drop',
    message: `${base}: dropped unless a modifier such as 59 or XS applies, and the note documents no separate site, session or service`,
    source,
    details,
  };
}

/**
 * The edit checks' findings per line (same order as `lines`), from the CMS tables the code set carries:
 * units over the MUE, procedure-to-procedure pairs in force on the date of service (column 2 dropped
 * unless the modifier indicator allows a modifier the note documents: one is added when the note
 * documents a separate site or session), add-on codes without one of their primary codes. Each names
 * its rule and source file.
 */
export function checkEdits(
  lines: readonly DraftLine[],
  input: ClaimInput,
  knowledge: ClaimKnowledge,
): EditFinding[][] {
  const found = new Map<DraftLine, EditFinding[]>();
  const add = (line: DraftLine, f: EditFinding): void => {
    found.set(line, [...(found.get(line) ?? []), f]);
  };
  const { mue, ptp, addons } = knowledge.edits ?? {};
  if (mue !== undefined) {
    const rows = new Map(mue.rows.map((r) => [r.code, r]));
    for (const [line, fs] of mueFindings(lines, rows, mue.source)) {
      fs.forEach((f) => {
        add(line, f);
      });
    }
  }
  if (ptp !== undefined) {
    for (const edit of ptp.rows) {
      if (edit.modifier === '9' || !inForce(edit, input.dateOfService)) {
        continue;
      }
      const c1 = lines.find((l) => l.code === edit.column1);
      const c2 = lines.find((l) => l.code === edit.column2);
      if (c1 !== undefined && c2 !== undefined && c1 !== c2) {
        add(c2, ptpFinding(edit, c1, c2, input, ptp.source));
      }
    }
  }
  if (addons !== undefined) {
    const codes = new Set(lines.map((l) => l.code));
    for (const edit of addons.rows) {
      const line = lines.find((l) => l.code === edit.addon);
      if (
        line === undefined ||
        edit.primaries.length === 0 ||
        edit.primaries.some((p) => codes.has(p))
      ) {
        continue;
      }
      add(line, {
        rule: 'addon',
        action: 'review',
        message: `${edit.addon} is an add-on code (type ${edit.type}) and none of its primary codes is on the claim (${edit.primaries.slice(0, 8).join(', ')}${edit.primaries.length > 8 ? ', …' : ''})`,
        source: addons.source,
        details: { type: edit.type, primaries: edit.primaries.length },
      });
    }
  }
  return lines.map((l) => found.get(l) ?? []);
}
