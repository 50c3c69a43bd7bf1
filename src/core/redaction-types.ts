/**
 * The kinds of protected health information the redactor finds, grouped as the HIPAA Safe Harbor
 * identifiers (45 CFR 164.514(b)(2)) are in practice: names; dates more specific than the year; ages
 * over 89; record, account, licence, device and other numbers; phone, fax, e-mail, URL and IP; street
 * addresses, cities and ZIP codes below the state, and facility names.
 */
export type PhiType = 'NAME' | 'DATE' | 'AGE' | 'ID' | 'CONTACT' | 'LOCATION';

/** Every PHI type, in the order reports list them. */
export const PHI_TYPES: readonly PhiType[] = ['NAME', 'DATE', 'AGE', 'ID', 'CONTACT', 'LOCATION'];

/** A stretch of the submitted note that is PHI: UTF-16 offsets into the text exactly as submitted. */
export interface PhiSpan {
  readonly start: number;
  readonly end: number;
  readonly type: PhiType;
}

/** A PHI span and what stands in its place in the redacted text (`[NAME]`, or a surrogate). */
export interface RedactedSpan extends PhiSpan {
  readonly replacement: string;
}

/**
 * A redacted note: `text` with every span replaced, the spans in order with offsets into the submitted
 * text. A span's place in `text` is its start plus the length change of the spans before it.
 */
export interface Redaction {
  readonly text: string;
  readonly spans: readonly RedactedSpan[];
}
