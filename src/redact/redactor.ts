import { randomUUID } from 'node:crypto';
import { createError } from '../core/errors.js';
import {
  PHI_TYPES,
  type PhiSpan,
  type PhiType,
  type RedactedSpan,
  type Redaction,
} from '../core/redaction-types.js';
import { findLocations } from './location-finder.js';
import { mergeSpans } from './merge-spans.js';
import { findNames, type NameSets } from './name-finder.js';
import type { NameLists } from './name-lists.js';
import { findPatternPhi } from './phi-patterns.js';
import { createSurrogates } from './surrogates.js';

/** Options of {@link createRedactor}. */
export interface RedactorOptions {
  /** First names and surnames (`loadNameLists()`: the shipped SSA and Census lists). */
  readonly names: NameLists;
  /** Replace each span with a consistent fake value instead of `[TYPE]` (default false). */
  readonly surrogate?: boolean;
  /**
   * Only these types are redacted (default: all). Leaving one out is for measurement and special
   * exports; Safe Harbor needs them all.
   */
  readonly types?: readonly PhiType[];
}

/** Per-call options. */
export interface RedactOptions {
  /** Overrides the redactor's `surrogate`. */
  readonly surrogate?: boolean;
  /** Seed of the fake values (default: fresh per call, so two notes never share fakes). */
  readonly seed?: string;
}

/** Finds and replaces the Safe Harbor identifiers of a note. Pure: no I/O, no environment. */
export interface Redactor {
  /** The PHI spans, sorted and disjoint, offsets into `text`. */
  find(text: string): PhiSpan[];
  /** `text` with every span replaced by `[TYPE]` or a surrogate, and the spans. */
  redact(text: string, options?: RedactOptions): Redaction;
}

/**
 * Creates a redactor: patterns for dates, ages over 89, numbers and contacts; addresses and facility
 * names; people's names from titles, labels, credentials and the name lists, carried to every other
 * mention in the note, but never an eponym ("Parkinson disease", "Bell palsy").
 * @throws INVALID_OPTIONS for empty name lists or an unknown type
 */
export function createRedactor(options: RedactorOptions): Redactor {
  const { names } = options;
  if (names.first.length === 0 || names.last.length === 0) {
    throw createError(
      'INVALID_OPTIONS',
      'the redactor needs non-empty first-name and surname lists',
    );
  }
  const types = new Set(options.types ?? PHI_TYPES);
  for (const t of types) {
    if (!PHI_TYPES.includes(t)) {
      throw createError('INVALID_OPTIONS', `unknown PHI type "${t}"`);
    }
  }
  const sets: NameSets = { first: new Set(names.first), last: new Set(names.last) };

  const find = (text: string): PhiSpan[] => {
    const found: PhiSpan[] = [];
    findPatternPhi(text, found);
    findLocations(text, found);
    findNames(text, sets, found);
    return mergeSpans(found).filter((s) => types.has(s.type));
  };

  return {
    find,
    redact(text, call = {}) {
      const spans = find(text);
      const surrogates =
        (call.surrogate ?? options.surrogate) === true
          ? createSurrogates(names, sets, call.seed ?? randomUUID())
          : undefined;
      const parts: string[] = [];
      const out: RedactedSpan[] = [];
      let at = 0;
      for (const s of spans) {
        const replacement =
          surrogates?.replace(s.type, text.slice(s.start, s.end)) ?? `[${s.type}]`;
        parts.push(text.slice(at, s.start), replacement);
        out.push({ ...s, replacement });
        at = s.end;
      }
      parts.push(text.slice(at));
      return { text: parts.join(''), spans: out };
    },
  };
}
