import { PHI_TYPES } from '../../src/core/redaction-types.js';
import type { PhiError, PhiScore, PhiSummary } from '../phi/phi-metrics.js';
import { barsSvg, esc } from './svg-charts.js';

const f = (v: number): string => v.toFixed(3);

function scoreRows(byType: Record<string, PhiScore>, overall: PhiScore): string {
  const row = (name: string, s: PhiScore): string =>
    `<tr><th scope="row">${esc(name)}</th><td>${s.gold}</td><td>${s.found}</td><td>${f(s.r)}</td><td>${s.predicted}</td><td>${s.right}</td><td>${f(s.p)}</td><td>${f(s.f1)}</td></tr>`;
  return [...Object.entries(byType).map(([t, s]) => row(t, s)), row('overall', overall)].join('');
}

function scoreTable(
  id: string,
  caption: string,
  unit: string,
  scores: PhiSummary['token'],
): string {
  return `<table id="${id}"><caption>${esc(caption)}</caption><thead><tr><th>type</th><th>gold ${unit}</th><th>found</th><th>recall</th><th>predicted ${unit}</th><th>right</th><th>precision</th><th>F1</th></tr></thead><tbody>${scoreRows(scores.byType, scores.overall)}</tbody></table>`;
}

function errorTable(id: string, caption: string, rows: readonly PhiError[]): string {
  const body = rows
    .map(
      (e) =>
        `<tr><td>${esc(e.noteId)}</td><td>${e.type}</td><td>${e.start}</td><td>${e.end}</td><td>${e.tokens}</td></tr>`,
    )
    .join('');
  return `<table id="${id}"><caption>${esc(caption)} (${rows.length})</caption><thead><tr><th>note</th><th>type</th><th>start</th><th>end</th><th>tokens</th></tr></thead><tbody>${body}</tbody></table>`;
}

/**
 * The PHI evaluation as one self-contained HTML page. Misses and false positives are listed by note,
 * type and offsets only — never their text: the report may travel where the notes may not.
 */
export function renderPhiReport(summary: PhiSummary): string {
  const bars = PHI_TYPES.map((t) => ({
    label: t,
    value: summary.token.byType[t].r,
    note: `${summary.token.byType[t].found} of ${summary.token.byType[t].gold} gold tokens`,
  }));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>notecoder PHI evaluation — ${esc(summary.dataset)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#1a1a1a;max-width:1100px}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #bbb;padding:4px 8px;text-align:left;font-size:13px}
caption{font-weight:600;text-align:left;padding:4px 0}.muted{color:#555;font-size:13px}
</style>
</head>
<body>
<h1>notecoder PHI evaluation</h1>
<p class="muted">dataset <b>${esc(summary.dataset)}</b> · ${summary.documents} notes · ${summary.goldSpans} gold spans, ${summary.predictedSpans} predicted · ${summary.seconds} s. A gold token is found when a predicted span covers it; a predicted token is right when a gold span covers it. Misses and false positives are shown as positions only, never text.</p>
${scoreTable('token', 'Token level (any type covers: what redaction needs)', 'tokens', summary.token)}
${scoreTable('token-typed', 'Token level, type must match', 'tokens', summary.tokenTyped)}
${scoreTable('span', 'Span level, exact (start, end and type)', 'spans', summary.span)}
<figure><figcaption>Token recall by type</figcaption>${barsSvg('recall-by-type', 'Token recall by type', bars)}</figure>
${errorTable('misses', 'Missed gold spans (with at least one token not covered)', summary.misses)}
${errorTable('false-positives', 'Predicted spans with tokens outside gold PHI', summary.falsePositives)}
</body>
</html>
`;
}
