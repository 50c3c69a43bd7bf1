import { availableParallelism } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { z } from 'zod';
import { createError } from './errors.js';
import { packageRoot } from './package-root.js';

/** The official CDC FY2026 release: the order file, and the Tabular/Index/tables archive. */
export const DEFAULT_ICD10CM_URLS = [
  'https://ftp.cdc.gov/pub/Health_Statistics/NCHS/Publications/ICD10CM/2026/icd10cm-Code%20Descriptions-2026.zip',
  'https://ftp.cdc.gov/pub/Health_Statistics/NCHS/Publications/ICD10CM/2026/icd10cm-table%20and%20index-2026.zip',
];

const boolish = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((value) => value === '1' || value === 'true' || value === 'yes');

const pathList = z.string().transform((value) =>
  value
    .split(delimiter)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => resolve(p)),
);

const EnvSchema = z.object({
  NOTECODER_CODESET: z.string().min(1).optional(),
  NOTECODER_ICD10CM_SOURCE: pathList.optional(),
  NOTECODER_HCPCS_SOURCE: pathList.optional(),
  NOTECODER_CPT_FILE: z.string().min(1).optional(),
  NOTECODER_MUE_SOURCE: pathList.optional(),
  NOTECODER_NCCI_SOURCE: pathList.optional(),
  NOTECODER_ADDONS_SOURCE: pathList.optional(),
  NOTECODER_SOURCES_DIR: z.string().min(1).optional(),
  NOTECODER_ICD10CM_URLS: z.string().optional(),
  NOTECODER_HCPCS_URL: z.url().optional(),
  NOTECODER_OFFLINE: boolish.optional(),
  NOTECODER_FETCH_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  NOTECODER_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).optional(),
  NOTECODER_MODEL: z.string().min(1).optional(),
  NOTECODER_TAGGER_DIR: z.string().min(1).optional(),
  NOTECODER_TAGGER: z.enum(['on', 'off']).optional(),
  NOTECODER_ALLOW_TAGGER_FALLBACK: boolish.optional(),
  NOTECODER_MAX_NOTE_CHARS: z.coerce.number().int().positive().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  NOTECODER_HOST: z.string().min(1).optional(),
  REDIS_URL: z.url().optional(),
  NOTECODER_API_KEYS: z.string().optional(),
  NOTECODER_RATE_LIMIT: z.coerce.number().int().min(0).optional(),
  NOTECODER_AUTH_FAILURE_LIMIT: z.coerce.number().int().min(0).optional(),
  NOTECODER_DETECT_TIMEOUT_MS: z.coerce.number().int().min(50).optional(),
  NOTECODER_MAX_BODY_BYTES: z.coerce.number().int().positive().optional(),
  NOTECODER_MAX_NOTES_PER_JOB: z.coerce.number().int().positive().optional(),
  NOTECODER_RESULT_TTL_HOURS: z.coerce.number().positive().optional(),
  NOTECODER_CALLBACK_SECRET: z.string().min(16).optional(),
  NOTECODER_ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
    .optional(),
  NOTECODER_DATA_DIR: z.string().min(1).optional(),
  NOTECODER_WORKER_THREADS: z.coerce.number().int().positive().optional(),
  NOTECODER_CHUNK_SIZE: z.coerce.number().int().positive().max(1000).optional(),
  NOTECODER_LOCK_MS: z.coerce.number().int().min(1000).optional(),
  NOTECODER_API_KEY: z.string().min(1).optional(),
});

/** notecoder's configuration, typed and validated. */
export interface Config {
  /** Compiled code-set artifact. */
  codeSetPath: string;
  /** Where official release files come from when no artifact exists (env NOTECODER_ICD10CM_SOURCE). */
  icd10cmSource: string[] | undefined;
  hcpcsSource: string[] | undefined;
  /** A licensed CPT file (code<TAB>descriptor) the user owns. */
  cptFile: string | undefined;
  /** The user's CMS edit files compiled into the code set: practitioner MUE, NCCI PTP, add-on codes. */
  mueSource: string[] | undefined;
  ncciSource: string[] | undefined;
  addonsSource: string[] | undefined;
  /** Download cache for `dict fetch`. */
  sourcesDir: string;
  icd10cmUrls: string[];
  hcpcsUrl: string | undefined;
  /** Never download; without sources, start with the team lexicon only. */
  offline: boolean;
  fetchTimeoutMs: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** The team lexicon folder shipped with notecoder. */
  lexiconDir: string;
  /** The learned model (`notecoder train`); missing file → dictionary and rules only. */
  modelPath: string;
  /** The ONNX tagger's folder (model.onnx, tokenizer.json, config.json, labels.json). */
  taggerDir: string;
  /** Run the tagger (env NOTECODER_TAGGER=off or `--no-tagger` turn it off). */
  tagger: boolean;
  /** A missing or corrupt tagger warns loudly and runs dictionary-only instead of refusing to start. */
  allowTaggerFallback: boolean;
  /** Longest note accepted, in characters. */
  maxNoteChars: number;
  /** HTTP port for `notecoder serve` (env PORT). */
  port: number;
  /** Interface to listen on; without API keys only loopback is allowed by default. */
  host: string | undefined;
  /** BullMQ on Redis when set; the embedded queue otherwise. */
  redisUrl: string | undefined;
  /**
   * API keys, one entry each: `key`, `key:read` (read-only), or either prefixed `tenant=`; empty when
   * none is configured (see {@link splitApiKeys}).
   */
  apiKeys: string[];
  /** Requests per minute per API key (0 = unlimited). */
  rateLimitPerMinute: number;
  /** `/v1/detect`'s budget per note: past it the worker abandons the note and the caller gets 504. */
  detectTimeoutMs: number;
  /** Failed authentications per minute per client address before 429 (0 = unlimited). */
  authFailuresPerMinute: number;
  maxBodyBytes: number;
  maxNotesPerJob: number;
  /** How long finished results are kept. */
  resultTtlMs: number;
  /** HMAC-SHA256 secret for job-finished callbacks; callbacks are unsigned without it. */
  callbackSecret: string | undefined;
  /** AES-256-GCM key for note text at rest in the queue store. */
  encryptionKey: Buffer | undefined;
  /** Embedded mode's SQLite job store lives here. */
  dataDir: string;
  /** Worker threads running the pipeline (default: the CPU count). */
  workerThreads: number;
  /** Notes per unit of queued work. */
  chunkSize: number;
  /** BullMQ lock duration: a crashed worker's chunk is retried after about this long. */
  lockMs: number;
  /** The key `notecoder eval --api` sends (a client setting; not in argv, where `ps` shows it). */
  clientApiKey: string | undefined;
}

/**
 * Reads the configuration from environment variables. This is the ONLY place notecoder reads
 * `process.env`; composition roots pass the result down.
 * @param env - the environment (default `process.env`)
 * @throws NotecoderError CONFIG_INVALID naming the variable
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? '?');
    throw createError(
      'CONFIG_INVALID',
      `environment variable ${variable}: ${issue?.message ?? 'invalid'}`,
      {
        variable,
      },
    );
  }
  const e = parsed.data;
  const root = packageRoot();
  const urls = e.NOTECODER_ICD10CM_URLS?.split(',')
    .map((u) => u.trim())
    .filter((u) => u !== '');
  for (const url of urls ?? []) {
    if (!URL.canParse(url)) {
      throw createError(
        'CONFIG_INVALID',
        `environment variable NOTECODER_ICD10CM_URLS: "${url}" is not a URL`,
        {
          variable: 'NOTECODER_ICD10CM_URLS',
        },
      );
    }
  }
  return {
    codeSetPath: resolve(
      e.NOTECODER_CODESET ?? join(root, 'dictionaries', 'build', 'codeset.json'),
    ),
    icd10cmSource: e.NOTECODER_ICD10CM_SOURCE,
    hcpcsSource: e.NOTECODER_HCPCS_SOURCE,
    cptFile: e.NOTECODER_CPT_FILE === undefined ? undefined : resolve(e.NOTECODER_CPT_FILE),
    mueSource: e.NOTECODER_MUE_SOURCE,
    ncciSource: e.NOTECODER_NCCI_SOURCE,
    addonsSource: e.NOTECODER_ADDONS_SOURCE,
    sourcesDir: resolve(e.NOTECODER_SOURCES_DIR ?? join(root, 'dictionaries', 'sources')),
    icd10cmUrls: urls && urls.length > 0 ? urls : [...DEFAULT_ICD10CM_URLS],
    hcpcsUrl: e.NOTECODER_HCPCS_URL,
    offline: e.NOTECODER_OFFLINE ?? false,
    fetchTimeoutMs: e.NOTECODER_FETCH_TIMEOUT_MS ?? 30_000,
    logLevel: e.NOTECODER_LOG_LEVEL ?? 'info',
    lexiconDir: join(root, 'dictionaries', 'lexicon'),
    modelPath: resolve(e.NOTECODER_MODEL ?? join(root, 'dictionaries', 'learned', 'model.json')),
    taggerDir: resolve(e.NOTECODER_TAGGER_DIR ?? join(root, 'models', 'tagger')),
    tagger: e.NOTECODER_TAGGER !== 'off',
    allowTaggerFallback: e.NOTECODER_ALLOW_TAGGER_FALLBACK ?? false,
    maxNoteChars: e.NOTECODER_MAX_NOTE_CHARS ?? 200_000,
    port: e.PORT ?? 8080,
    host: e.NOTECODER_HOST,
    redisUrl: e.REDIS_URL,
    apiKeys: splitApiKeys(e.NOTECODER_API_KEYS ?? ''),
    rateLimitPerMinute: e.NOTECODER_RATE_LIMIT ?? 600,
    authFailuresPerMinute: e.NOTECODER_AUTH_FAILURE_LIMIT ?? 30,
    detectTimeoutMs: e.NOTECODER_DETECT_TIMEOUT_MS ?? 30_000,
    maxBodyBytes: e.NOTECODER_MAX_BODY_BYTES ?? 64 * 1024 * 1024,
    maxNotesPerJob: e.NOTECODER_MAX_NOTES_PER_JOB ?? 50_000,
    resultTtlMs: (e.NOTECODER_RESULT_TTL_HOURS ?? 168) * 3_600_000,
    callbackSecret: e.NOTECODER_CALLBACK_SECRET,
    encryptionKey:
      e.NOTECODER_ENCRYPTION_KEY === undefined
        ? undefined
        : Buffer.from(e.NOTECODER_ENCRYPTION_KEY, 'base64'),
    dataDir: resolve(e.NOTECODER_DATA_DIR ?? join(root, 'data')),
    workerThreads: e.NOTECODER_WORKER_THREADS ?? Math.max(1, availableParallelism()),
    chunkSize: e.NOTECODER_CHUNK_SIZE ?? 25,
    lockMs: e.NOTECODER_LOCK_MS ?? 30_000,
    clientApiKey: e.NOTECODER_API_KEY,
  };
}

/**
 * Splits `NOTECODER_API_KEYS` into one entry per key. Two forms, mixable: `tenantA=key1,key2:read;
 * tenantB=key3` groups keys into tenants (groups separated by `;`), and the older `key1,key2:read`
 * makes each key a tenant of its own. A group is a tenant's when it starts with `name=` followed by
 * something other than `=` (base64 keys only end in `=`).
 * @returns entries `tenant=key[:read]` or `key[:read]`
 */
export function splitApiKeys(value: string): string[] {
  const out: string[] = [];
  for (const group of value.split(';')) {
    const match = /^\s*([^=,;\s]+)=([^=].*)$/s.exec(group);
    const keys = (match?.[2] ?? group)
      .split(',')
      .map((k) => k.trim())
      .filter((k) => k !== '');
    out.push(...keys.map((k) => (match?.[1] === undefined ? k : `${match[1]}=${k}`)));
  }
  return out;
}
