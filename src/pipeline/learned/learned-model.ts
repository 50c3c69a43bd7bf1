/** Term → code associations mined from labeled training notes. */
export interface Associations {
  /** N-gram of stems (space-joined) → [code, precision, support] triples, best first. */
  readonly ngrams: Readonly<Record<string, readonly (readonly [string, number, number])[]>>;
  /** Document-level: an n-gram anywhere in a note → codes of that note, with precision and support. */
  readonly docNgrams: Readonly<Record<string, readonly (readonly [string, number, number])[]>>;
  /**
   * How often the pipeline's own candidates for a code were right on training notes (out of fold):
   * code → [right, proposed]. Coders' conventions differ per code; this is how the scorer learns them.
   */
  readonly reliability?: Readonly<Record<string, readonly [number, number]>>;
  /** Training frequency of each code (documents), for the prior. */
  readonly codeDocs: Readonly<Record<string, number>>;
  readonly documents: number;
}

/** A logistic model over named features: p = σ(bias + Σ w·x). */
export interface ScorerWeights {
  readonly features: readonly string[];
  readonly weights: readonly number[];
  readonly bias: number;
  /** Per-feature mean and scale used to standardise inputs when fitting. */
  readonly mean: readonly number[];
  readonly scale: readonly number[];
}

/** A regression tree node: an inner split (feature ≥ 0) or a leaf (feature -1). */
export interface TreeNode {
  feature: number;
  threshold: number;
  left: number;
  right: number;
  value: number;
}

/** Gradient-boosted trees on the logistic loss: p = σ(base + Σ tree(x)). */
export interface BoostedTrees {
  readonly base: number;
  readonly trees: readonly (readonly TreeNode[])[];
}

/** What `notecoder train` fits and ships as data in `dictionaries/learned/`. */
export interface LearnedModel {
  readonly version: string;
  /** Where and how it was fitted (dataset, documents, folds, date). */
  readonly provenance: Readonly<Record<string, string | number>>;
  readonly associations: Associations;
  readonly scorer: ScorerWeights;
  /** Boosted trees over the same features; when present they score instead of the logistic model. */
  readonly boosted?: BoostedTrees;
  /** Operating threshold: the confidence that maximised micro-F1 on the training notes (out of fold). */
  readonly threshold: number;
  /**
   * The scorer refitted with the ONNX tagger's features (`FEATURES` then `TAGGER_FEATURES`), on
   * out-of-fold tagger output; used when the tagger is on.
   */
  readonly tagged?: TaggedScorer;
}

/**
 * The scorer with the tagger on: a logistic model stacked on the plain scorer — its inputs are the
 * plain probability's log-odds and the tagger's features — and its operating threshold. The tagger
 * moves a calibrated score up or down; it cannot invent one from scratch.
 */
export interface TaggedScorer {
  /** Version of the tagger whose output it was fitted on (`tagger-<sha256 prefix>`). */
  readonly tagger: string;
  /** Features `plainLogit`, then `TAGGER_FEATURES`. */
  readonly scorer: ScorerWeights;
  readonly threshold: number;
}
