import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCodeSet, readArtifact } from '../../src/codes/code-set.js';
import { loadConfig } from '../../src/core/config.js';
import { termKeys } from '../../src/core/term-key.js';
import { BENCH_QUERIES } from './bench-queries.js';
import { readDataset } from '../datasets/read-dataset.js';
import { createBaselineDetector } from '../../src/pipeline/baseline/baseline-detector.js';
import { loadKnowledge } from '../../src/pipeline/load-knowledge.js';
import { createPipeline } from '../../src/pipeline/pipeline.js';
import { benchDetectors, measureThroughputAsync, type ThroughputResult } from './pipeline-bench.js';
import { benchRedaction, type RedactionOverhead } from './redact-bench.js';
import { sharedRedactor } from '../../src/redact/shared-redactor.js';
import { createTaggedDetector } from '../../src/pipeline/tagged-detector.js';
import { loadTagger } from '../../src/pipeline/tagger/tagger.js';
import { median, percentile } from './percentile.js';

/**
 * `npm run bench`: code-set build, load, lookup and search speed on the real release, each the median
 * of several runs, with a baseline measured in the same run. Data: NOTECODER_ICD10CM_SOURCE (and
 * NOTECODER_HCPCS_SOURCE), else $NOTECODER_TEST_DATA/icd10cm and /hcpcs.
 */

const config = loadConfig();
const testData = process.env.NOTECODER_TEST_DATA;
const icd10cm = config.icd10cmSource ?? (testData ? [join(testData, 'icd10cm')] : undefined);
const hcpcs = config.hcpcsSource ?? (testData ? [join(testData, 'hcpcs')] : undefined);
if (icd10cm === undefined || !icd10cm.every((p) => existsSync(p))) {
  process.stderr.write(
    'bench: NO DATA. Set NOTECODER_ICD10CM_SOURCE to the official release files, or NOTECODER_TEST_DATA to ../shared/data.\n',
  );
  process.exit(1);
}
const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 5);
const json = process.argv.includes('--json');
const work = mkdtempSync(join(tmpdir(), 'notecoder-bench-'));
const artifact = join(work, 'codeset.json');
const log = (text: string): void => {
  process.stderr.write(`${text}\n`);
};

try {
  log(`bench: ${runs} runs; sources ${icd10cm.join(', ')}${hcpcs ? ` + ${hcpcs.join(', ')}` : ''}`);
  // Builds run in child processes, so this process stays small while the load probes are timed.
  const cli = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'cli', 'main.js');
  const buildMs: number[] = [];
  for (let i = 0; i < Math.max(3, Math.ceil(runs / 2)); i++) {
    const args = [
      cli,
      'dict',
      'build',
      '--icd10cm',
      ...icd10cm,
      ...(hcpcs ? ['--hcpcs', ...hcpcs] : []),
      '--out',
      work,
      '--json',
    ];
    const summary = JSON.parse(
      execFileSync(process.execPath, args, {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    ) as { buildMs: number };
    buildMs.push(summary.buildMs);
    log(`  build ${i + 1}: ${summary.buildMs} ms`);
  }

  const probe = join(dirname(fileURLToPath(import.meta.url)), 'load-probe.js');
  const loads: { loadMs: number; rssMb: number; baseRssMb: number }[] = [];
  for (let i = 0; i < runs; i++) {
    loads.push(
      JSON.parse(
        execFileSync(process.execPath, ['--expose-gc', probe, artifact], { encoding: 'utf8' }),
      ) as (typeof loads)[number],
    );
  }

  const codeSet = loadCodeSet(artifact);
  const raw = readArtifact(artifact);
  // Lookups in the forms users type them: compact lower case, dotted, padded.
  const sample = raw.icd.codes.filter((_, i) => i % 97 === 0);
  const forms = sample.flatMap((code) => [code, code.replace('.', '').toLowerCase(), ` ${code} `]);
  const getNs: number[] = [];
  for (let round = 0; round < runs; round++) {
    const started = process.hrtime.bigint();
    let found = 0;
    for (let i = 0; i < 1_000_000; i++) {
      if (codeSet.get(forms[i % forms.length] ?? '') !== undefined) {
        found++;
      }
    }
    getNs.push(Number(process.hrtime.bigint() - started) / 1_000_000);
    if (found !== 1_000_000) {
      throw new Error(`lookup lost codes: ${found}`);
    }
  }

  for (let i = 0; i < 3; i++) {
    for (const q of BENCH_QUERIES) {
      codeSet.search(q);
    }
  }
  const searchMs: number[] = [];
  for (let round = 0; round < runs * 4; round++) {
    for (const q of BENCH_QUERIES) {
      const started = performance.now();
      codeSet.search(q);
      searchMs.push(performance.now() - started);
    }
  }

  // Baseline: the same ranking question answered by scanning every title, no index.
  const titles = [
    ...raw.icd.longTitles,
    ...(raw.hcpcs?.longTitles ?? []),
    ...raw.cpt.entries.map((e) => e.description),
  ];
  const titleKeys = titles.map((title) => new Set(termKeys(title)));
  const scanMs: number[] = [];
  for (const q of BENCH_QUERIES.slice(0, 10)) {
    const started = performance.now();
    const keys = termKeys(q);
    let best = 0;
    for (const set of titleKeys) {
      let hit = 0;
      for (const key of keys) {
        if (set.has(key)) {
          hit++;
        }
      }
      best = Math.max(best, hit / keys.length);
    }
    scanMs.push(performance.now() - started);
  }

  const result = {
    codes: raw.summary.counts.codes,
    indexPhrases: raw.summary.counts.indexPhrases,
    artifactMb: statSync(artifact).size / 1_048_576,
    buildMsMedian: median(buildMs),
    loadMsMedian: median(loads.map((l) => l.loadMs)),
    rssMbMedian: median(loads.map((l) => l.rssMb)),
    getNsMedian: median(getNs),
    searchMsP50: percentile(searchMs, 0.5),
    searchMsP95: percentile(searchMs, 0.95),
    baselineScanMsMedian: median(scanMs),
    node: process.version,
  };
  const targets: [string, number, number, string][] = [
    ['load', result.loadMsMedian, 500, 'ms'],
    ['resident memory after load', result.rssMbMedian, 250, 'MB'],
    ['get', result.getNsMedian / 1000, 2, 'µs'],
    ['search p50', result.searchMsP50, 2, 'ms'],
  ];
  // Detection throughput on CodiEsp dev (code-set load and pipeline build not counted).
  const codiesp = testData === undefined ? undefined : join(testData, 'codiesp', 'dev');
  let throughput: Record<string, ThroughputResult> | undefined;
  const redaction: Record<string, RedactionOverhead> = {};
  const taggerLoad: { loadMs: number; rssMb: number }[] = [];
  const noTaggerRss: number[] = [];
  const defaultHeapRss: number[] = [];
  if (codiesp !== undefined && existsSync(codiesp)) {
    log('bench: detection throughput on CodiEsp dev');
    const knowledge = loadKnowledge(codeSet, config.lexiconDir, config.modelPath);
    const notes = readDataset(codiesp).notes;
    const pipeline = createPipeline(knowledge);
    throughput = benchDetectors(notes, pipeline, createBaselineDetector(codeSet));
    log('bench: what PHI redaction adds to the dictionary path');
    redaction.codiesp = benchRedaction(notes, pipeline, sharedRedactor());
    const phiDev = join(testData ?? '', 'notes', 'mtsamples', 'phi-dev.jsonl');
    if (existsSync(phiDev)) {
      const phiNotes = readFileSync(phiDev, 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => JSON.parse(l) as { id: string; text: string });
      redaction.mtsamplesPhi = benchRedaction(phiNotes, pipeline, sharedRedactor(), 8);
    }
    if (existsSync(join(config.taggerDir, 'model.onnx'))) {
      log('bench: the pipeline with the ONNX tagger (one session, one intra-op thread)');
      const tagged = createTaggedDetector(pipeline, await loadTagger(config.taggerDir));
      throughput.pipelineWithTagger = await measureThroughputAsync(notes, (n) =>
        tagged.detect({ id: n.id, text: n.text, setting: 'inpatient' }),
      );
      await tagged.release();
      const notesFile = join(work, 'notes.json');
      writeFileSync(notesFile, JSON.stringify(notes.slice(0, 50).map((n) => n.text)));
      const taggerProbe = join(dirname(fileURLToPath(import.meta.url)), 'tagger-probe.js');
      // Resident memory is noisy (the allocator keeps freed pages): five cold workers each, with
      // and without the tagger, alternating.
      const probe = (dir: string, heap = 'worker-heap'): { loadMs: number; rssMb: number } =>
        JSON.parse(
          execFileSync(
            process.execPath,
            [
              '--expose-gc',
              taggerProbe,
              artifact,
              config.lexiconDir,
              config.modelPath,
              dir,
              notesFile,
              heap,
            ],
            { encoding: 'utf8' },
          ),
        ) as { loadMs: number; rssMb: number };
      for (let i = 0; i < 5; i++) {
        taggerLoad.push(probe(config.taggerDir));
        noTaggerRss.push(probe('none').rssMb);
        // The same worker with V8's allocation-site pretenuring left on (see src/core/worker-heap.ts).
        defaultHeapRss.push(probe(config.taggerDir, 'default-heap').rssMb);
      }
    } else {
      log(`bench: no tagger model in ${config.taggerDir}: the tagger is not measured`);
    }
  } else {
    log('bench: NO CodiEsp dev under NOTECODER_TEST_DATA: detection throughput not measured');
  }
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ ...result, throughput, redaction, taggerLoad, noTaggerRss, defaultHeapRss }, null, 2)}\n`,
    );
  } else {
    const f = (n: number): string => n.toFixed(n < 10 ? 2 : 0);
    process.stdout.write(
      [
        `code set: ${result.codes} codes, ${result.indexPhrases} index phrases, artifact ${f(result.artifactMb)} MB (${result.node})`,
        `full build (median of ${buildMs.length}):      ${f(result.buildMsMedian)} ms`,
        `artifact load (median of ${runs}, cold process): ${f(result.loadMsMedian)} ms, RSS ${f(result.rssMbMedian)} MB`,
        `get (median of ${runs} x 1M lookups):     ${f(result.getNsMedian)} ns/lookup`,
        `search (${searchMs.length} queries):             p50 ${f(result.searchMsP50)} ms, p95 ${f(result.searchMsP95)} ms`,
        `baseline: title scan without index:  median ${f(result.baselineScanMsMedian)} ms/query (${f(result.baselineScanMsMedian / result.searchMsP50)}x slower than search p50)`,
        ...targets.map(
          ([name, value, limit, unit]) =>
            `target ${name} <= ${limit} ${unit}: ${value <= limit ? 'MET' : 'MISSED'} (${f(value)} ${unit})`,
        ),
        ...(throughput === undefined
          ? []
          : [
              `detection on one core, CodiEsp dev (code-set load and pipeline build not counted):`,
              ...Object.entries(throughput).map(
                ([name, t]) =>
                  `  ${name.padEnd(14)} ${f(t.notesPerSecond)} notes/s, p50 ${f(t.p50Ms)} ms, p99 ${f(t.p99Ms)} ms (${t.notes} timed)`,
              ),
              `  pipeline time per note = ${f((throughput.tokenizeFloor?.notesPerSecond ?? 0) / (throughput.pipeline?.notesPerSecond ?? 1))}x tokenizing it (the floor)`,
              `target pipeline >= 1000 notes/s: ${(throughput.pipeline?.notesPerSecond ?? 0) >= 1000 ? 'MET' : 'MISSED'}; p99 <= 10 ms: ${(throughput.pipeline?.p99Ms ?? Infinity) <= 10 ? 'MET' : 'MISSED'}`,
              ...Object.entries(redaction).map(
                ([name, r]) =>
                  `PHI redaction (${name}, ${r.notes} notes, interleaved): pipeline ${r.pipelineMs.toFixed(3)} ms/note, redaction ${r.redactMs.toFixed(3)} ms/note = +${r.overheadPct.toFixed(1)} %; target <= 20 %: ${r.overheadPct <= 20 ? 'MET' : 'MISSED'}`,
              ),
            ]),
        ...(throughput?.pipelineWithTagger === undefined || taggerLoad.length === 0
          ? []
          : [
              `tagger: model load (median of ${taggerLoad.length}, cold process) ${f(median(taggerLoad.map((t) => t.loadMs)))} ms; worker RSS after 50 notes with code set and model ${f(median(taggerLoad.map((t) => t.rssMb)))} MB (range ${f(Math.min(...taggerLoad.map((t) => t.rssMb)))}–${f(Math.max(...taggerLoad.map((t) => t.rssMb)))}), the same worker without the tagger ${f(median(noTaggerRss))} MB; with V8's pretenuring left on ${f(median(defaultHeapRss))} MB (range ${f(Math.min(...defaultHeapRss))}–${f(Math.max(...defaultHeapRss))})`,
              `target with tagger >= 60 notes/s: ${throughput.pipelineWithTagger.notesPerSecond >= 60 ? 'MET' : 'MISSED'}; p99 <= 40 ms: ${throughput.pipelineWithTagger.p99Ms <= 40 ? 'MET' : 'MISSED'}; load <= 300 ms: ${median(taggerLoad.map((t) => t.loadMs)) <= 300 ? 'MET' : 'MISSED'}; RSS <= 400 MB: ${median(taggerLoad.map((t) => t.rssMb)) <= 400 ? 'MET' : 'MISSED'}`,
            ]),
      ].join('\n') + '\n',
    );
  }
  if (!process.argv.includes('--no-queue')) {
    // Job API throughput and latency, in its own process tree (servers, workers, redis-server).
    log('bench: job queue (npm run bench:queue runs this part alone)');
    execFileSync(
      process.execPath,
      [join(dirname(fileURLToPath(import.meta.url)), 'queue-bench.js'), `--codeset=${artifact}`],
      { stdio: 'inherit' },
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
