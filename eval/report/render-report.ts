import type { ErrorRow, EvalSummary, SliceScores } from '../metrics/evaluate.js';
import { barsSvg, esc, prCurveSvg, reliabilitySvg } from './svg-charts.js';

const pct = (v: number): string => v.toFixed(3);

function sliceRow(name: string, s: SliceScores): string {
  return `<tr><th scope="row">${esc(name)}</th><td>${s.gold}</td><td>${s.predicted}</td><td>${pct(s.micro.p)}</td><td>${pct(s.micro.r)}</td><td>${pct(s.micro.f1)}</td><td>${pct(s.macro.f1)}</td><td>${pct(s.map)}</td></tr>`;
}

function errorTable(caption: string, rows: readonly ErrorRow[], withEvidence: boolean): string {
  const head = `<tr><th>code</th><th>title</th><th>count</th><th>example note</th>${withEvidence ? '<th>evidence</th>' : ''}</tr>`;
  const body = rows
    .map(
      (r) =>
        `<tr><td>${esc(r.system)} ${esc(r.code)}</td><td>${esc(r.title)}</td><td>${r.count}</td><td>${esc(r.noteId)}</td>${withEvidence ? `<td>${esc(r.evidence ?? '')}</td>` : ''}</tr>`,
    )
    .join('');
  return `<table><caption>${esc(caption)}</caption><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

function noteTypeTable(summary: EvalSummary): string {
  if (summary.byNoteType.length === 0) {
    return '';
  }
  const systems = [...new Set(summary.byNoteType.flatMap((g) => Object.keys(g.bySystem)))].sort();
  const head = `<tr><th>note type</th><th>notes</th><th>micro F1</th>${systems.map((s) => `<th>${esc(s)} P / R / F1</th>`).join('')}</tr>`;
  const body = summary.byNoteType
    .map((g) => {
      const cells = systems
        .map((s) => {
          const m = g.bySystem[s as keyof typeof g.bySystem];
          return `<td>${m ? `${pct(m.p)} / ${pct(m.r)} / ${pct(m.f1)}` : '—'}</td>`;
        })
        .join('');
      return `<tr><th scope="row">${esc(g.noteType)}</th><td>${g.documents}</td><td>${pct(g.micro.f1)}</td>${cells}</tr>`;
    })
    .join('');
  return `<table id="by-note-type"><caption>At the operating threshold ${summary.operating.threshold}, by note type</caption><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

/**
 * Renders an evaluation as one self-contained HTML page: inline CSS and SVG, no scripts, no network.
 * Note text appears only as the short evidence of false positives — the user's own data, in their file.
 */
export function renderReport(summary: EvalSummary): string {
  const systems = Object.entries(summary.bySystem)
    .map(([name, s]) => sliceRow(name, s))
    .join('');
  const chapters = summary.byChapter.slice(0, 25).map((c) => ({
    label: `${c.chapter} ${c.title}`,
    value: c.micro.f1,
    note: `gold ${c.gold}, predicted ${c.predicted}, P ${pct(c.micro.p)}, R ${pct(c.micro.r)}`,
  }));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>notecoder evaluation — ${esc(summary.dataset)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#1a1a1a;max-width:1100px}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #bbb;padding:4px 8px;text-align:left;font-size:13px}
caption{font-weight:600;text-align:left;padding:4px 0}.charts{display:flex;flex-wrap:wrap;gap:2rem}
figure{margin:0}figcaption{font-size:13px;font-weight:600}.muted{color:#555;font-size:13px}
</style>
</head>
<body>
<h1>notecoder evaluation</h1>
<p class="muted">dataset <b>${esc(summary.dataset)}</b> (${summary.documents} notes, ${esc(summary.format)}) · detector <b>${esc(summary.detector)}</b> · ${esc(summary.codeSet)} · ${summary.seconds} s${summary.scoreOnly === null ? '' : ` · scored codes limited to ${summary.scoreOnly}`}</p>
<table id="summary"><caption>Summary</caption>
<tr><th scope="row">MAP (CodiEsp)</th><td>${pct(summary.map)}</td></tr>
<tr><th scope="row">micro P / R / F1</th><td>${pct(summary.micro.p)} / ${pct(summary.micro.r)} / ${pct(summary.micro.f1)}</td></tr>
<tr><th scope="row">macro P / R / F1</th><td>${pct(summary.macro.p)} / ${pct(summary.macro.r)} / ${pct(summary.macro.f1)}</td></tr>
${summary.category ? `<tr><th scope="row">ICD-10-CM category level micro F1 / MAP</th><td>${pct(summary.category.micro.f1)} / ${pct(summary.category.map)}</td></tr>` : ''}
<tr><th scope="row">best threshold</th><td>${summary.bestThreshold.threshold} (P ${pct(summary.bestThreshold.p)}, R ${pct(summary.bestThreshold.r)}, F1 ${pct(summary.bestThreshold.f1)})</td></tr>
<tr><th scope="row">ECE (10 bins)</th><td>${pct(summary.ece)}</td></tr>
${summary.optional.gold === 0 ? '' : `<tr><th scope="row">optional gold codes (suggested at the operating threshold: not scored)</th><td>${summary.optional.gold} (${summary.optional.suggested})</td></tr>`}
<tr><th scope="row">gold codes not in the code set</th><td>${summary.goldCodesUnknown.count} (${summary.goldCodesUnknown.distinct} distinct; scored as given)</td></tr>${summary.matchedDescendants === null ? '' : `<tr><th scope="row">gold codes met by a code below them (--match-descendants)</th><td>${summary.matchedDescendants}</td></tr>`}
</table>
<table id="by-system"><caption>By code system</caption><thead><tr><th>system</th><th>gold</th><th>predicted</th><th>micro P</th><th>micro R</th><th>micro F1</th><th>macro F1</th><th>MAP</th></tr></thead>
<tbody>${systems}${summary.category ? sliceRow('ICD-10-CM categories', summary.category) : ''}</tbody></table>
<div class="charts">
<figure><figcaption>Precision-recall over confidence thresholds</figcaption>${prCurveSvg(summary.prCurve, summary.bestThreshold)}</figure>
<figure><figcaption>Reliability (ECE ${pct(summary.ece)})</figcaption>${reliabilitySvg(summary.reliability)}</figure>
</div>
<figure><figcaption>Micro F1 by chapter (most gold codes first)</figcaption>${barsSvg('by-chapter', 'Micro F1 by chapter', chapters)}</figure>
${noteTypeTable(summary)}
${errorTable('Top false positives', summary.topFalsePositives, true)}
${errorTable('Top false negatives', summary.topFalseNegatives, false)}
${summary.warnings.length > 0 ? `<h2>Warnings</h2><ul>${summary.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>` : ''}
</body>
</html>
`;
}
