/**
 * The catalogue of result warnings: a result that is correct for what was loaded, but less than the
 * service can give, says so in every answer — machine-readably (`code`) and in words (`message`) — so a
 * client never takes a degraded result for a full one.
 */
export const RESULT_WARNINGS = {
  LEXICON_ONLY:
    'No official ICD-10-CM release is loaded: codes come from the team lexicon only (a few dozen common ICD-10-CM codes and the CPT lexicon), so most diagnoses cannot be found. Run `notecoder dict fetch` or set NOTECODER_ICD10CM_SOURCE, then restart.',
  UNSUPPORTED_TEXT:
    'The note holds no words in a script notecoder reads (English clinical text in the Latin alphabet): nothing was read from it and no code is suggested.',
  TAGGER_UNAVAILABLE:
    'The ONNX tagger could not be loaded (NOTECODER_ALLOW_TAGGER_FALLBACK let the service start without it): this note was coded with dictionaries and rules only, and confidences come from the dictionary-only scorer.',
} as const;

/** A stable warning code of {@link RESULT_WARNINGS}. */
export type ResultWarningCode = keyof typeof RESULT_WARNINGS;

/** One warning carried by a result. */
export interface ResultWarning {
  readonly code: ResultWarningCode;
  readonly message: string;
}

/** The catalogued warning for `code`. */
export function resultWarning(code: ResultWarningCode): ResultWarning {
  return { code, message: RESULT_WARNINGS[code] };
}
