import { writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { PHI_TYPES } from '../core/redaction-types.js';
import { loadNameLists } from '../redact/name-lists.js';
import { createRedactor } from '../redact/redactor.js';
import { readPhiDataset } from '../../eval/phi/read-phi-dataset.js';
import { scorePhi, type PhiSummary } from '../../eval/phi/phi-metrics.js';
import { renderPhiReport } from '../../eval/report/render-phi-report.js';

const f = (v: number): string => v.toFixed(3);

/** Human-readable PHI scores: one row per type, token and span level. */
export function formatPhiSummary(s: PhiSummary): string {
  const head = `  ${'type'.padEnd(9)}${'gold tok'.padStart(9)}  ${'tok R'.padStart(6)}  ${'tok P'.padStart(6)}  ${'tok F1'.padStart(6)}  ${'typed R'.padStart(7)}  ${'span P'.padStart(6)}  ${'span R'.padStart(6)}  ${'span F1'.padStart(7)}`;
  const row = (name: string, key: (typeof PHI_TYPES)[number] | 'overall'): string => {
    const t = key === 'overall' ? s.token.overall : s.token.byType[key];
    const ty = key === 'overall' ? s.tokenTyped.overall : s.tokenTyped.byType[key];
    const sp = key === 'overall' ? s.span.overall : s.span.byType[key];
    return `  ${name.padEnd(9)}${String(t.gold).padStart(9)}  ${f(t.r).padStart(6)}  ${f(t.p).padStart(6)}  ${f(t.f1).padStart(6)}  ${f(ty.r).padStart(7)}  ${f(sp.p).padStart(6)}  ${f(sp.r).padStart(6)}  ${f(sp.f1).padStart(7)}`;
  };
  return [
    `${s.dataset}: ${s.documents} notes, ${s.goldSpans} gold PHI spans, ${s.predictedSpans} predicted, ${s.seconds} s`,
    head,
    ...PHI_TYPES.map((t) => row(t, t)),
    row('overall', 'overall'),
    `  ${s.misses.length} gold span(s) not wholly found, ${s.falsePositives.length} predicted span(s) reaching outside gold PHI (positions in --json and --report)`,
  ].join('\n');
}

/**
 * `notecoder eval --task phi <file.jsonl>`: the redactor against gold PHI spans.
 * @param path - a PHI set in the format of `phi-dev.jsonl`
 */
export function runPhiEval(
  path: string,
  opts: { json?: boolean; report?: string },
  print: (text: string) => void,
): void {
  const file = resolve(path);
  const notes = readPhiDataset(file);
  const redactor = createRedactor({ names: loadNameLists() });
  const started = performance.now();
  const scored = notes.map((n) => ({
    id: n.id,
    text: n.text,
    gold: n.phi,
    predicted: redactor.find(n.text),
  }));
  const seconds = Math.round(performance.now() - started) / 1000;
  const summary = scorePhi(basename(file), scored, seconds);
  if (opts.report !== undefined) {
    writeFileSync(resolve(opts.report), renderPhiReport(summary));
  }
  print(opts.json === true ? JSON.stringify(summary, null, 2) : formatPhiSummary(summary));
}
