import type { CodeSet } from '../../codes/code-set.js';
import type { IcdCodeInfo, SeventhsInfo } from '../../codes/code-info.js';
import { stemToken, wordTokens } from '../../core/term-key.js';

/** Stems of the words that name a side. */
const LATERALITY = new Set(['left', 'right', 'bilater', 'upper', 'lower', 'limb', 'side']);

/**
 * A sibling an unspecified billable code may give way to: what its title adds to the unspecified
 * title, all side words (see `specificSibling` in `link-code.ts`).
 */
export interface SiblingPlan {
  readonly info: IcdCodeInfo;
  readonly added: readonly string[];
}

/**
 * What linking asks of the code set about a code, worked out once per code set and code: the same
 * answers as the code set's, without walking the hierarchy or tokenizing titles for every mention.
 */
export interface LinkFacts {
  /** The code's ICD-10-CM entry (`codeSet.get(code, 'ICD-10-CM')`). */
  icd(code: string): IcdCodeInfo | undefined;
  /** Whether an entry's title says "unspecified". */
  unspecified(info: IcdCodeInfo): boolean;
  /** `codeSet.sevenths(code)`. */
  sevenths(code: string): SeventhsInfo | undefined;
  /**
   * The siblings an unspecified billable code may give way to, in the code set's order: each differs
   * from it only by one to three side words, which the sentence must then hold.
   */
  siblings(info: IcdCodeInfo): readonly SiblingPlan[];
}

const UNSPECIFIED = /\bunspecified\b/i;

/** The siblings of `info` that only say the side its title leaves unspecified. */
function siblingPlans(codeSet: CodeSet, info: IcdCodeInfo): SiblingPlan[] {
  const parent = codeSet.ancestors(info.code)[0];
  if (parent === undefined || parent.billable) {
    return [];
  }
  const own = wordTokens(info.title)
    .map(stemToken)
    .filter((w) => w !== 'unspecifi');
  const out: SiblingPlan[] = [];
  for (const sibling of codeSet.children(parent.code)) {
    if (sibling.code === info.code || !sibling.billable || UNSPECIFIED.test(sibling.title)) {
      continue;
    }
    const words = wordTokens(sibling.title).map(stemToken);
    const kept = new Set(words);
    const added = words.filter((w) => !own.includes(w));
    // Only what "unspecified" stood for: a side, or both sides.
    if (!added.every((w) => LATERALITY.has(w))) {
      continue;
    }
    if (own.every((w) => kept.has(w)) && added.length > 0 && added.length <= 3) {
      out.push({ info: sibling, added });
    }
  }
  return out;
}

const made = new WeakMap<CodeSet, LinkFacts>();

/**
 * The link facts of a code set (made on first use, then shared).
 * @param codeSet - the loaded code set
 */
export function linkFacts(codeSet: CodeSet): LinkFacts {
  let facts = made.get(codeSet);
  if (facts === undefined) {
    const icd = new Map<string, IcdCodeInfo>();
    const unspecified = new Map<string, boolean>();
    const sevenths = new Map<string, SeventhsInfo | undefined>();
    const siblings = new Map<string, readonly SiblingPlan[]>();
    const icdOf = (code: string): IcdCodeInfo | undefined => {
      let info = icd.get(code);
      if (info === undefined) {
        info = codeSet.get(code, 'ICD-10-CM') as IcdCodeInfo | undefined;
        // Only codes the code set holds are remembered: their number is bounded.
        if (info !== undefined) {
          icd.set(code, info);
        }
      }
      return info;
    };
    facts = {
      icd: icdOf,
      unspecified(info) {
        let is = unspecified.get(info.code);
        if (is === undefined) {
          is = UNSPECIFIED.test(info.title);
          unspecified.set(info.code, is);
        }
        return is;
      },
      sevenths(code) {
        let def = sevenths.get(code);
        if (def === undefined && !sevenths.has(code)) {
          def = codeSet.sevenths(code);
          if (def !== undefined || icdOf(code) !== undefined) {
            sevenths.set(code, def);
          }
        }
        return def;
      },
      siblings(info) {
        let plans = siblings.get(info.code);
        if (plans === undefined) {
          plans = siblingPlans(codeSet, info);
          siblings.set(info.code, plans);
        }
        return plans;
      },
    };
    made.set(codeSet, facts);
  }
  return facts;
}
