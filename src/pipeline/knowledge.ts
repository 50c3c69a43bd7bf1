import type { ReportSignature } from './cpt/report-signatures.js';
import type { CodeSet } from '../codes/code-set.js';
import type { BillingFacts } from './claim/billing-facts.js';
import type { ContextTrigger } from './context/context-analyzer.js';
import type { EmKnowledge } from './cpt/em/em-types.js';
import type { LearnedModel } from './learned/learned-model.js';
import type { SelectionModel } from './select/selection-model.js';

/** An abbreviation and how to expand it. */
export interface Abbreviation {
  readonly abbreviation: string;
  readonly expansion: readonly string[];
  /** Stems of which one must occur in the sentence; empty = always expand. */
  readonly requires: readonly string[];
}

/** Guideline rules as data (see `dictionaries/lexicon/*.tsv`). */
export interface GuidelineData {
  readonly history: readonly {
    assertion: 'historical' | 'family';
    prefixes: readonly string[];
    target: string;
  }[];
  readonly chronic: readonly string[];
  readonly combinations: readonly {
    when: readonly (readonly string[])[];
    add: string;
    suppress: readonly string[];
    note: string;
    /** Applied under the billing rules only: under the mentions rules each part keeps its code. */
    billingOnly: boolean;
    /**
     * Applied to the codes the US coder's selection keeps only, not before it: a combination the
     * selection model never saw as a candidate would be scored down there and lose its parts.
     */
    afterSelection?: boolean;
  }[];
  readonly integral: readonly { symptom: string; diagnoses: readonly string[] }[];
  readonly cptRules: readonly {
    rule: 'bundle' | 'upgrade' | 'admin' | 'with';
    code: string;
    other: readonly string[];
    words: readonly string[];
  }[];
  /** CT/MR angiography codes and the 3D rendering codes they include (`cpt-post-processing.tsv`). */
  readonly postProcessing: {
    readonly angiography: ReadonlySet<string>;
    readonly rendering: ReadonlySet<string>;
  };
  /** E/M levels by family, and the cues for encounter, family, patient type, time and MDM. */
  readonly em: EmKnowledge;
  /** Diagnostic tests known by the words of their own report (`cpt-reports.tsv`). */
  readonly reports: readonly ReportSignature[];
}

/** Everything the pipeline knows: loaded once, passed in; `detect` itself does no I/O. */
export interface Knowledge {
  readonly codeSet: CodeSet;
  readonly triggers: readonly ContextTrigger[];
  readonly abbreviations: readonly Abbreviation[];
  /** Note word → words it also stands for ("aortic" → "aorta"). */
  readonly variants: ReadonlyMap<string, readonly string[]>;
  readonly guidelines: GuidelineData;
  /**
   * Words that turn a condition's words into a test, vaccine or service ("stress test", "DVT
   * prophylaxis"), and result words that say the test found it ("strep test positive").
   */
  readonly services: {
    readonly words: ReadonlySet<string>;
    readonly results: ReadonlySet<string>;
    /** Words that, right before a condition's words, make them a phase of a test ("dobutamine stress"). */
    readonly before: ReadonlySet<string>;
  };
  /** CMS fee-schedule facts per code (PC/TC, global days, bilateral): `cpt-billing.tsv`; absent → no claim modifiers from them. */
  readonly billing?: BillingFacts;
  /** Fitted on CodiEsp train by `notecoder train`; absent → dictionary and rules only. */
  readonly learned?: LearnedModel;
  /** Fitted on team-coded US notes by `notecoder train-selection`; absent → no selection stage. */
  readonly selection?: SelectionModel;
}
