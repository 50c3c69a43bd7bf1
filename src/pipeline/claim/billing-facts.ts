import type { TsvRow } from '../../codes/read-tsv.js';

/** The CMS PC/TC indicator of a code (see `dictionaries/lexicon/cpt-billing.tsv`). */
export type PcTcIndicator = '0' | '1' | '2' | '3' | '4' | '9';

/** Billing facts about one code, from the public CMS Physician Fee Schedule indicators. */
export interface BillingFact {
  readonly pctc: PcTcIndicator | undefined;
  /** Surgical global days: `000`, `010`, `090`, `XXX`, `ZZZ`; undefined when not a procedure. */
  readonly global: string | undefined;
  /** CMS bilateral surgery indicator: 0, 1 (modifier 50), 2 (already bilateral), 3 (each side a line). */
  readonly bilateral: 0 | 1 | 2 | 3;
}

/** Code → its billing facts. */
export type BillingFacts = ReadonlyMap<string, BillingFact>;

const PCTC = new Set(['0', '1', '2', '3', '4', '9']);
const GLOBAL = new Set(['000', '010', '090', 'XXX', 'ZZZ']);

/**
 * Reads the rows of `cpt-billing.tsv`.
 * @param rows - the file's rows (columns code, pctc, global, bilateral)
 * @param invalid - the catalogued error for a row with a bad value
 */
export function parseBillingFacts(
  rows: readonly TsvRow[],
  invalid: (row: TsvRow, message: string) => Error,
): BillingFacts {
  const out = new Map<string, BillingFact>();
  for (const row of rows) {
    const { code = '', pctc = '', global = '', bilateral = '' } = row.cells;
    if (pctc !== '' && !PCTC.has(pctc)) {
      throw invalid(row, `unknown PC/TC indicator "${pctc}"`);
    }
    if (global !== '' && !GLOBAL.has(global)) {
      throw invalid(row, `unknown global period "${global}"`);
    }
    if (bilateral !== '' && !['0', '1', '2', '3'].includes(bilateral)) {
      throw invalid(row, `unknown bilateral indicator "${bilateral}"`);
    }
    out.set(code, {
      pctc: pctc === '' ? undefined : (pctc as PcTcIndicator),
      global: global === '' ? undefined : global,
      bilateral: bilateral === '' ? 0 : (Number(bilateral) as 0 | 1 | 2 | 3),
    });
  }
  return out;
}

/** True for a procedure with a 0- or 10-day global period: the "minor procedure" of the E/M rules. */
export function isMinorProcedure(fact: BillingFact | undefined): boolean {
  return fact?.global === '000' || fact?.global === '010';
}
