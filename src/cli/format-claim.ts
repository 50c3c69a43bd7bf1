import type { Claim } from '../core/claim-types.js';

const clip = (text: string, n = 70): string =>
  (text.length > n ? `${text.slice(0, n - 3)}...` : text).replace(/\s+/g, ' ');

/**
 * The claim as a coder reads it: the diagnoses in claim order (first-listed first, with why), then each
 * line: code-modifiers, units, pointers, and the reason and evidence of every modifier and unit count.
 */
export function formatClaim(claim: Claim | undefined): string {
  if (claim === undefined) {
    return 'claim: none (claim lines are built under the billing rules only)';
  }
  const lines = [`claim (component ${claim.component}):`, 'diagnoses:'];
  for (const d of claim.diagnoses) {
    lines.push(`  ${String(d.sequence).padStart(2)}. ${d.code.padEnd(8)} ${clip(d.title, 60)}`);
  }
  if (claim.firstListed) {
    lines.push(`  first-listed ${claim.firstListed.code}: ${clip(claim.firstListed.reason, 100)}`);
  }
  if (claim.lines.length === 0) {
    lines.push('lines: none (no billable CPT/HCPCS service at the threshold)');
  }
  for (const l of claim.lines) {
    const code = [l.code, ...l.modifiers.map((m) => m.code)].join('-');
    lines.push(
      `line ${String(l.line)}: ${code.padEnd(14)} units ${String(l.units)}  dx ${l.diagnosisCodes.join(', ') || '-'}  (pointers ${l.diagnosisPointers.join(',') || '-'})`,
    );
    lines.push(`    units: ${clip(l.unitsBasis.reason, 100)}`);
    for (const m of l.modifiers) {
      const words = m.evidence.map((e) => `"${clip(e.text, 40)}"`).join(', ');
      lines.push(`    ${m.code}: ${clip(m.reason, 100)}${words ? ` — ${words}` : ''}`);
    }
    for (const f of l.findings ?? []) {
      lines.push(`    edit ${f.rule} (${f.action}): ${clip(f.message, 100)} [${f.source}]`);
    }
    for (const n of l.notes ?? []) {
      lines.push(`    note: ${clip(n, 110)}`);
    }
  }
  const edits = Object.entries(claim.edits).map(([k, v]) => `${k} ${v}`);
  lines.push(`edit tables: ${edits.length > 0 ? edits.join('; ') : 'none loaded'}`);
  return lines.join('\n');
}
