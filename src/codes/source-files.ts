import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { createError, isNotecoderError } from '../core/errors.js';

/** One release file found under the paths a user gave: plain, inside a `.gz`, or inside a `.zip`. */
export interface SourceEntry {
  /** Display name, `archive.zip!inner/file.xml` for archive members. */
  readonly name: string;
  /** The file name alone (no directories), lower-cased, without a trailing `.gz`. */
  readonly fileName: string;
  /** The decompressed bytes. */
  readonly bytes: Uint8Array;
}

const MAX_ZIP_DEPTH = 2;

/**
 * Reads every file under `paths` (files or directories, searched recursively), opening `.gz` and
 * `.zip` archives (zips inside zips too). Corrupt archives fail with a catalogued error naming the file.
 * @param paths - files or directories
 * @throws NotecoderError SOURCE_NOT_FOUND, SOURCE_ZIP_CORRUPT, SOURCE_GZIP_CORRUPT
 */
export function readSourceEntries(paths: readonly string[]): SourceEntry[] {
  const entries: SourceEntry[] = [];
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch (err) {
      throw createError('SOURCE_NOT_FOUND', 'no such file or directory', { file: path }, err);
    }
    const files = isDir ? listFiles(path) : [path];
    for (const file of files) {
      expand(file, readFileSync(file), entries, 0);
    }
  }
  return entries;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  // Byte order, not locale order: the same listing on every machine.
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    byName(a.name, b.name),
  )) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      out.push(...listFiles(full));
    } else if (entry.isFile()) {
      out.push(full);
    }
  }
  return out;
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function expand(name: string, bytes: Uint8Array, out: SourceEntry[], depth: number): void {
  const lower = basename(name).toLowerCase();
  if (lower.endsWith('.zip')) {
    if (depth >= MAX_ZIP_DEPTH) {
      return;
    }
    for (const [inner, innerBytes] of unzip(name, bytes)) {
      expand(`${name}!${inner}`, innerBytes, out, depth + 1);
    }
    return;
  }
  if (lower.endsWith('.gz')) {
    let inflated: Uint8Array;
    try {
      inflated = gunzipSync(bytes);
    } catch (err) {
      throw createError(
        'SOURCE_GZIP_CORRUPT',
        'cannot decompress: the gzip file is corrupt or truncated; download it again',
        { file: name },
        err,
      );
    }
    out.push({ name, fileName: lower.slice(0, -3), bytes: inflated });
    return;
  }
  out.push({ name, fileName: lower, bytes });
}

function unzip(name: string, bytes: Uint8Array): [string, Uint8Array][] {
  try {
    const members = unzipSync(bytes, {
      // Only what a release can contain that we read: text, XML, TSV, nested archives.
      filter: (file) =>
        /\.(txt|xml|tsv|csv|gz|zip)$/i.test(file.name) && !file.name.startsWith('__MACOSX'),
    });
    return Object.entries(members).sort(([a], [b]) => byName(a, b));
  } catch (err) {
    if (isNotecoderError(err)) {
      throw err;
    }
    throw createError(
      'SOURCE_ZIP_CORRUPT',
      `cannot open the zip archive (${err instanceof Error ? err.message : String(err)}); it is corrupt or truncated, download it again`,
      { file: name },
      err,
    );
  }
}

/** Decodes bytes as UTF-8 text (the CDC files are ASCII/UTF-8), without a byte-order mark. */
export function entryText(entry: SourceEntry): string {
  const text = Buffer.from(
    entry.bytes.buffer,
    entry.bytes.byteOffset,
    entry.bytes.byteLength,
  ).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
