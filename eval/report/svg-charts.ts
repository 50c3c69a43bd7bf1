import type { ReliabilityBin } from '../metrics/calibration.js';
import type { CurvePoint } from '../metrics/threshold-sweep.js';

/** Escapes text for HTML and SVG. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const W = 360;
const H = 260;
const PAD = 40;
const x = (v: number): number => PAD + v * (W - 2 * PAD);
const y = (v: number): number => H - PAD - v * (H - 2 * PAD);

function axes(xLabel: string, yLabel: string): string {
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map(
      (t) =>
        `<line x1="${x(t)}" y1="${y(0)}" x2="${x(t)}" y2="${y(0) + 4}" stroke="#444"/><text x="${x(t)}" y="${y(0) + 16}" text-anchor="middle">${t}</text>` +
        `<line x1="${x(0) - 4}" y1="${y(t)}" x2="${x(0)}" y2="${y(t)}" stroke="#444"/><text x="${x(0) - 8}" y="${y(t) + 4}" text-anchor="end">${t}</text>`,
    )
    .join('');
  return (
    `<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(0)}" stroke="#444"/>` +
    `<line x1="${x(0)}" y1="${y(0)}" x2="${x(0)}" y2="${y(1)}" stroke="#444"/>${ticks}` +
    `<text x="${W / 2}" y="${H - 6}" text-anchor="middle">${esc(xLabel)}</text>` +
    `<text x="12" y="${H / 2}" text-anchor="middle" transform="rotate(-90 12 ${H / 2})">${esc(yLabel)}</text>`
  );
}

/** Precision-recall curve over confidence thresholds, with the best-F1 point marked. */
export function prCurveSvg(curve: readonly CurvePoint[], best: CurvePoint): string {
  const points = curve.map((p) => `${x(p.r).toFixed(1)},${y(p.p).toFixed(1)}`).join(' ');
  return (
    `<svg class="chart" id="pr-curve" role="img" aria-label="Precision-recall curve" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" xmlns="http://www.w3.org/2000/svg" font-size="11">` +
    `<title>Precision-recall curve</title>${axes('recall', 'precision')}` +
    (curve.length > 0
      ? `<polyline fill="none" stroke="#1f5fa8" stroke-width="2" points="${points}"/>`
      : '') +
    `<circle cx="${x(best.r)}" cy="${y(best.p)}" r="5" fill="#c0392b"><title>best F1 ${best.f1.toFixed(3)} at threshold ${best.threshold}</title></circle>` +
    `</svg>`
  );
}

/** Reliability diagram: accuracy per confidence bin against the diagonal of perfect calibration. */
export function reliabilitySvg(bins: readonly ReliabilityBin[]): string {
  const bw = (W - 2 * PAD) / Math.max(1, bins.length);
  const bars = bins
    .map((b, i) =>
      b.count === 0
        ? ''
        : `<rect x="${(PAD + i * bw + 2).toFixed(1)}" y="${y(b.accuracy).toFixed(1)}" width="${(bw - 4).toFixed(1)}" height="${(y(0) - y(b.accuracy)).toFixed(1)}" fill="#4a90d9"><title>${b.lo.toFixed(1)}–${b.hi.toFixed(1)}: ${b.count} predictions, accuracy ${b.accuracy.toFixed(3)}, mean confidence ${b.confidence.toFixed(3)}</title></rect>`,
    )
    .join('');
  return (
    `<svg class="chart" id="reliability" role="img" aria-label="Reliability diagram" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" xmlns="http://www.w3.org/2000/svg" font-size="11">` +
    `<title>Reliability diagram</title>${axes('confidence', 'accuracy')}${bars}` +
    `<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}" stroke="#c0392b" stroke-dasharray="4 3"/></svg>`
  );
}

/** Horizontal bars: one labelled value in [0, 1] per row. */
export function barsSvg(
  id: string,
  label: string,
  rows: readonly { label: string; value: number; note: string }[],
): string {
  const rowH = 18;
  const labelW = 300;
  const barW = 260;
  const height = rows.length * rowH + 20;
  const body = rows
    .map((r, i) => {
      const top = 10 + i * rowH;
      return (
        `<text x="${labelW - 6}" y="${top + 12}" text-anchor="end">${esc(r.label.slice(0, 46))}</text>` +
        `<rect x="${labelW}" y="${top + 2}" width="${(r.value * barW).toFixed(1)}" height="${rowH - 5}" fill="#5b9bd5"><title>${esc(r.note)}</title></rect>` +
        `<text x="${labelW + r.value * barW + 4}" y="${top + 12}">${r.value.toFixed(2)}</text>`
      );
    })
    .join('');
  return `<svg class="chart" id="${esc(id)}" role="img" aria-label="${esc(label)}" viewBox="0 0 ${labelW + barW + 50} ${height}" width="${labelW + barW + 50}" height="${height}" xmlns="http://www.w3.org/2000/svg" font-size="11"><title>${esc(label)}</title>${body}</svg>`;
}
