import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../core/config.js';
import { isNotecoderError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import { buildCodeSet } from '../codes/build-code-set.js';
import { loadCodeSet, type CodeSet } from '../codes/code-set.js';
import { fetchRelease } from '../codes/fetch-release.js';
import { lexiconVersion } from '../codes/lexicon-version.js';
import { editSources } from './edit-sources.js';
import type { ProgressBar } from './progress-bar.js';

/** Where the lexicon-only fallback artifact goes: beside the real one, never in its place. */
export function lexiconOnlyPath(codeSetPath: string): string {
  return codeSetPath.replace(/(\.json)?$/, '.lexicon-only.json');
}

function hasFiles(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).some((name) => !name.startsWith('.'));
}

/**
 * Makes sure a code set is available, in this order: the compiled artifact; a build from
 * NOTECODER_ICD10CM_SOURCE; a build from the download cache; a download of the public release (unless
 * offline); and last, loudly, the team lexicon alone. The lexicon-only artifact is written beside the
 * real one, so the next start tries the release again.
 */
export async function ensureCodeSet(
  config: Config,
  log: Logger,
  progress: ProgressBar,
): Promise<CodeSet> {
  if (existsSync(config.codeSetPath)) {
    try {
      const codeSet = loadCodeSet(config.codeSetPath);
      if (codeSet.versions.lexicon !== lexiconVersion(config.lexiconDir)) {
        log.warn(
          'the team lexicon changed since this code set was built: run `notecoder dict build` again',
          {
            built: codeSet.versions.lexicon,
            file: config.codeSetPath,
          },
        );
      }
      const wanted = editSources(config);
      if (Object.keys(wanted).length > 0 && codeSet.edits === undefined) {
        log.warn(
          'CMS edit files are configured but this code set was built without them: run `notecoder dict build` again',
          { file: config.codeSetPath },
        );
      }
      return codeSet;
    } catch (err) {
      if (!isNotecoderError(err, 'CODESET_ARTIFACT_INVALID')) {
        throw err;
      }
      log.warn('compiled code set unreadable; rebuilding', {
        file: config.codeSetPath,
        error: err.message,
      });
    }
  }
  const build = (icd10cm: string[], hcpcs: string[] | undefined): CodeSet => {
    log.info('building code set', { sources: icd10cm.join(', ') });
    const summary = buildCodeSet({
      icd10cm,
      ...(hcpcs ? { hcpcs } : {}),
      ...(config.cptFile ? { cpt: config.cptFile } : {}),
      edits: editSources(config),
      out: config.codeSetPath,
      lexiconDir: config.lexiconDir,
      onStep: (step) => {
        progress.step(`dict build: ${step}`);
      },
    });
    log.info('code set built', {
      fiscalYear: summary.fiscalYear,
      codes: summary.counts.codes,
      billable: summary.counts.billable,
      ms: summary.buildMs,
    });
    return loadCodeSet(config.codeSetPath);
  };
  const hcpcsCache = join(config.sourcesDir, 'hcpcs');
  if (
    config.hcpcsSource === undefined &&
    config.hcpcsUrl !== undefined &&
    !config.offline &&
    !hasFiles(hcpcsCache)
  ) {
    try {
      await fetchRelease({
        urls: [config.hcpcsUrl],
        dir: hcpcsCache,
        timeoutMs: config.fetchTimeoutMs,
      });
    } catch (err) {
      log.warn('HCPCS download failed; continuing without HCPCS', {
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
  const hcpcs = config.hcpcsSource ?? (hasFiles(hcpcsCache) ? [hcpcsCache] : undefined);
  if (config.icd10cmSource) {
    return build(config.icd10cmSource, hcpcs);
  }
  const icdCache = join(config.sourcesDir, 'icd10cm');
  if (!hasFiles(icdCache) && !config.offline) {
    try {
      log.info('downloading the public ICD-10-CM release', { urls: config.icd10cmUrls.join(' ') });
      await fetchRelease({
        urls: config.icd10cmUrls,
        dir: icdCache,
        timeoutMs: config.fetchTimeoutMs,
        onProgress: (p) => {
          progress.update(p.received, p.total, 'download');
        },
      });
      progress.done();
    } catch (err) {
      progress.done();
      log.warn('download failed', { error: err instanceof Error ? err.message : String(err) });
    }
  }
  if (hasFiles(icdCache)) {
    try {
      return build([icdCache], hcpcs);
    } catch (err) {
      log.warn('cannot build from the download cache', {
        dir: icdCache,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
  const fallback = lexiconOnlyPath(config.codeSetPath);
  log.error(
    'NO ICD-10-CM RELEASE LOADED: starting with the team lexicon only. Results cover a few dozen common codes. Run `notecoder dict fetch` or set NOTECODER_ICD10CM_SOURCE to the official release files.',
    { artifact: fallback },
  );
  buildCodeSet({
    icd10cm: [],
    lexiconOnly: true,
    ...(config.cptFile ? { cpt: config.cptFile } : {}),
    out: fallback,
    lexiconDir: config.lexiconDir,
  });
  return loadCodeSet(fallback);
}
