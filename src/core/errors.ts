/**
 * The error-code catalogue. Every error notecoder raises on purpose carries one of these stable codes;
 * the CLI prints it, and the HTTP layer (later) maps it to `application/problem+json` with `status`.
 */
export const ERROR_CATALOGUE = {
  INVALID_OPTIONS: { status: 400, title: 'Invalid options' },
  INVALID_CODE: { status: 400, title: 'Not a well-formed code' },
  CODE_NOT_FOUND: { status: 404, title: 'Code not found' },
  EMPTY_QUERY: { status: 400, title: 'Empty search query' },
  CONFIG_INVALID: { status: 500, title: 'Invalid configuration' },
  SOURCE_NOT_FOUND: { status: 400, title: 'Source file not found' },
  SOURCE_UNRECOGNISED: { status: 400, title: 'No recognised release file' },
  SOURCE_ZIP_CORRUPT: { status: 400, title: 'Corrupt or truncated zip archive' },
  SOURCE_GZIP_CORRUPT: { status: 400, title: 'Corrupt or truncated gzip file' },
  SOURCE_XML_MALFORMED: { status: 400, title: 'Malformed XML' },
  ORDER_FILE_LINE_INVALID: {
    status: 400,
    title: 'Order-file line does not match the official layout',
  },
  HCPCS_LINE_INVALID: { status: 400, title: 'HCPCS line does not match a known layout' },
  CPT_FILE_LINE_INVALID: {
    status: 400,
    title: 'Licensed CPT file line is not code<TAB>descriptor',
  },
  LEXICON_INVALID: { status: 500, title: 'Team lexicon file is invalid' },
  CODESET_NOT_BUILT: { status: 503, title: 'No compiled code set' },
  CODESET_ARTIFACT_INVALID: { status: 500, title: 'Compiled code set is unreadable' },
  FETCH_FAILED: { status: 502, title: 'Download failed' },
  DATASET_INVALID: { status: 400, title: 'Labeled dataset is malformed' },
  NOTE_EMPTY: { status: 422, title: 'Note has no text' },
  NOTE_TOO_LARGE: { status: 413, title: 'Note is longer than the limit' },
  MODEL_INVALID: { status: 500, title: 'Learned model file is invalid' },
  TAGGER_MODEL_MISSING: { status: 503, title: 'Tagger model files are missing' },
  TAGGER_MODEL_INVALID: { status: 500, title: 'Tagger model files are corrupt or do not match' },
  INVALID_REQUEST: { status: 400, title: 'Request does not match the API schema' },
  MALFORMED_JSON: { status: 400, title: 'Request body is not valid JSON' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Request body must be application/json' },
  BODY_TOO_LARGE: { status: 413, title: 'Request body is larger than the limit' },
  TOO_MANY_NOTES: { status: 413, title: 'Job has more notes than the limit' },
  DUPLICATE_NOTE_ID: { status: 400, title: 'Two notes in one job share an id' },
  INVALID_CURSOR: { status: 400, title: 'Pagination cursor is not valid' },
  INVALID_PATH: { status: 400, title: 'Request path is not validly percent-encoded' },
  MALFORMED_HTTP: { status: 400, title: 'Request is not well-formed HTTP' },
  REQUEST_TIMEOUT: { status: 408, title: 'Request was not received in time' },
  HEADERS_TOO_LARGE: { status: 431, title: 'Request line or headers are larger than the limit' },
  UNAUTHORIZED: { status: 401, title: 'Missing or unknown API key' },
  FORBIDDEN: { status: 403, title: 'API key is read-only' },
  RATE_LIMITED: { status: 429, title: 'Too many requests for this API key' },
  ROUTE_NOT_FOUND: { status: 404, title: 'No such route' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed on this route' },
  JOB_NOT_FOUND: { status: 404, title: 'Job not found (never existed, expired or purged)' },
  IDEMPOTENCY_CONFLICT: {
    status: 409,
    title: 'Idempotency-Key was already used with a different request body',
  },
  REVIEW_CONFLICT: { status: 412, title: 'The review changed since it was read (If-Match)' },
  PRECONDITION_REQUIRED: { status: 428, title: 'Send If-Match with the ETag of the review read' },
  REVIEW_NOT_OPEN: { status: 409, title: 'A job can be reviewed once it has finished' },
  NOTE_NOT_FOUND: { status: 404, title: 'No such note in the job (or not processed)' },
  CODE_NOT_BILLABLE: {
    status: 422,
    title: 'Code is not billable (a category): give an explanation to add it anyway',
  },
  INVALID_DECISION: { status: 422, title: 'Decision does not match the note result' },
  QUEUE_UNAVAILABLE: { status: 503, title: 'Job queue is unreachable' },
  SHUTTING_DOWN: { status: 503, title: 'Server is shutting down' },
  DETECT_TIMEOUT: { status: 504, title: 'Detection did not finish in time' },
  JOB_DATA_INVALID: { status: 500, title: 'Queued job data is unreadable' },
  WORKER_FAILED: { status: 500, title: 'The worker processing this note failed repeatedly' },
  EDIT_FILE_INVALID: { status: 400, title: 'CMS edit file does not match its official layout' },
  NOTE_RESULT_NOT_FOUND: { status: 404, title: 'The job has no result for this note' },
  NOTE_RESULT_NOT_READY: { status: 409, title: 'The note has not been processed yet' },
  NOT_ACCEPTABLE: { status: 406, title: 'No representation matches the Accept header' },
  TEXT_SIZE_LIMIT_EXCEEDED: { status: 400, title: 'Text is longer than the operation allows' },
  INTERNAL: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

/** A stable, catalogued error code. */
export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** Structured context for an error: file and line for input errors, the offending value, limits. */
export type ErrorDetails = Readonly<Record<string, string | number | boolean | undefined>>;

/** The one error type notecoder throws on purpose. */
export class NotecoderError extends Error {
  /** Stable code from {@link ERROR_CATALOGUE}. */
  readonly code: ErrorCode;
  /** HTTP status the code maps to. */
  readonly status: number;
  /** Structured context (never note text: it is PHI). */
  readonly details: ErrorDetails;

  constructor(
    code: ErrorCode,
    message: string,
    details: ErrorDetails = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'NotecoderError';
    this.code = code;
    this.status = ERROR_CATALOGUE[code].status;
    this.details = details;
  }
}

/**
 * Creates a catalogued error. When `details` names a `file` (and `line`), the message is prefixed with
 * `file:line:` so every CLI error points at the input that caused it.
 * @param code - catalogue code
 * @param message - human explanation of what is wrong and, where useful, what to do
 * @param details - structured context; `file` and `line` are shown in the message
 * @param cause - the underlying error, kept for debugging
 */
export function createError(
  code: ErrorCode,
  message: string,
  details: ErrorDetails = {},
  cause?: unknown,
): NotecoderError {
  const where =
    typeof details.file === 'string'
      ? `${details.file}${details.line === undefined ? '' : `:${String(details.line)}`}: `
      : '';
  return new NotecoderError(
    code,
    `${where}${message}`,
    details,
    cause === undefined ? undefined : { cause },
  );
}

/** True when `err` is a catalogued notecoder error (optionally with the given code). */
export function isNotecoderError(err: unknown, code?: ErrorCode): err is NotecoderError {
  return err instanceof NotecoderError && (code === undefined || err.code === code);
}
