import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { createError, isNotecoderError } from '../core/errors.js';
import { readSourceEntries } from './source-files.js';

/** Progress of one download. */
export interface FetchProgress {
  readonly url: string;
  readonly file: string;
  readonly received: number;
  /** From Content-Length; `undefined` when the server did not say. */
  readonly total: number | undefined;
}

/** Options of {@link fetchRelease}. */
export interface FetchReleaseOptions {
  readonly urls: readonly string[];
  /** Cache folder; files keep their names from the URL. */
  readonly dir: string;
  /** Download again even when the file is cached. */
  readonly force?: boolean;
  readonly timeoutMs?: number;
  readonly onProgress?: (progress: FetchProgress) => void;
}

/** One fetched (or already cached) file. */
export interface FetchedFile {
  readonly url: string;
  readonly file: string;
  readonly bytes: number;
  readonly cached: boolean;
}

/** The cache file name of a URL: its last path segment, decoded ("icd10cm-Code Descriptions-2026.zip"). */
export function cacheName(url: string): string {
  const name = basename(decodeURIComponent(new URL(url).pathname));
  return name === '' || name === '/' ? 'download' : name.replace(/[^\w .@-]/g, '_');
}

/**
 * Downloads release archives into a cache folder (skipping cached ones), each to a temporary file
 * renamed into place only once complete and readable, so an interrupted download never looks cached.
 * @throws NotecoderError FETCH_FAILED (network, HTTP status, timeout) or SOURCE_ZIP_CORRUPT
 */
export async function fetchRelease(options: FetchReleaseOptions): Promise<FetchedFile[]> {
  mkdirSync(options.dir, { recursive: true });
  const results: FetchedFile[] = [];
  for (const url of options.urls) {
    const file = join(options.dir, cacheName(url));
    if (!options.force && existsSync(file) && statSync(file).size > 0) {
      results.push({ url, file, bytes: statSync(file).size, cached: true });
      continue;
    }
    // The temporary name keeps the extension, so the archive check below knows how to open it.
    const tmp = join(options.dir, `.part-${process.pid}-${cacheName(url)}`);
    try {
      let response: Response;
      try {
        response = await fetch(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
      } catch (err) {
        throw createError(
          'FETCH_FAILED',
          `cannot download ${url}: ${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)}`,
          { url },
          err,
        );
      }
      if (!response.ok || response.body === null) {
        throw createError('FETCH_FAILED', `cannot download ${url}: HTTP ${response.status}`, {
          url,
          status: response.status,
        });
      }
      const header = response.headers.get('content-length');
      const total = header === null ? undefined : Number(header);
      let received = 0;
      const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
      body.on('data', (chunk: Buffer) => {
        received += chunk.length;
        options.onProgress?.({ url, file, received, total });
      });
      const out = createWriteStream(tmp);
      try {
        await pipeline(body, out);
      } catch (err) {
        // The file may still be opening when the download breaks off: wait until it is closed, or it
        // would be created again after the clean-up below removed it.
        if (!out.closed) {
          await new Promise<void>((resolve) => {
            out.once('close', () => {
              resolve();
            });
          });
        }
        throw createError(
          'FETCH_FAILED',
          `download of ${url} broke off after ${received} bytes`,
          { url },
          err,
        );
      }
      if (total !== undefined && received !== total) {
        throw createError(
          'FETCH_FAILED',
          `download of ${url} is truncated: ${received} of ${total} bytes`,
          { url },
        );
      }
      // Open the archive now: a corrupt download must fail here, not at the next start.
      readSourceEntries([tmp]);
      renameSync(tmp, file);
      results.push({ url, file, bytes: received, cached: false });
    } catch (err) {
      rmSync(tmp, { force: true });
      if (isNotecoderError(err, 'SOURCE_ZIP_CORRUPT')) {
        throw createError(
          'SOURCE_ZIP_CORRUPT',
          `the archive downloaded from ${url} is corrupt or truncated`,
          {
            url,
          },
        );
      }
      throw err;
    }
  }
  return results;
}
