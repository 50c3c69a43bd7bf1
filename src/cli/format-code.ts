import type { CodeSet } from '../codes/code-set.js';
import type { CodeInfo, SearchHit } from '../codes/code-info.js';
import { describeCode } from '../codes/describe-code.js';

function list(label: string, items: readonly string[], max = 12): string[] {
  if (items.length === 0) {
    return [];
  }
  const shown = items.slice(0, max).map((item) => `    ${item}`);
  if (items.length > max) {
    shown.push(`    … ${items.length - max} more (--json shows all)`);
  }
  return [`  ${label}:`, ...shown];
}

/** Human-readable text of {@link describeCode}. */
export function formatCode(codeSet: CodeSet, info: CodeInfo): string {
  const lines = [`${info.code}  ${info.title}`];
  switch (info.system) {
    case 'ICD-10-CM': {
      const d = describeCode(codeSet, info) as {
        ancestors: { code: string; title: string }[];
        children: { code: string; title: string; billable: boolean }[];
        excludes1: { declaredAt: string; note: string }[];
        excludes2: { declaredAt: string; note: string }[];
        sevenths: { declaredAt: string; chars: Record<string, string> } | null;
        indexPhrases: { phrase: string; column?: string }[];
      };
      lines.push(
        `  system: ICD-10-CM FY${codeSet.versions.fiscalYear ?? '?'}   billable: ${info.billable ? 'yes' : 'no (header)'}`,
      );
      if (info.shortTitle !== info.title) {
        lines.push(`  short title: ${info.shortTitle}`);
      }
      if (info.chapter) {
        lines.push(`  chapter ${info.chapter.id}: ${info.chapter.title}`);
      }
      if (info.section) {
        lines.push(`  section ${info.section.id}: ${info.section.title}`);
      }
      lines.push(
        ...list(
          'ancestors',
          d.ancestors.map((a) => `${a.code}  ${a.title}`),
        ),
        ...list(
          'children',
          d.children.map((c) => `${c.code}  ${c.title}${c.billable ? '' : ' (header)'}`),
        ),
        ...list('inclusion terms', [
          ...(info.notes.inclusionTerms ?? []),
          ...(info.notes.includes ?? []),
        ]),
        ...list(
          'excludes1',
          d.excludes1.map((n) => `${n.note}  [${n.declaredAt}]`),
        ),
        ...list(
          'excludes2',
          d.excludes2.map((n) => `${n.note}  [${n.declaredAt}]`),
        ),
        ...list('code first', info.notes.codeFirst ?? []),
        ...list('use additional code', info.notes.useAdditionalCode ?? []),
        ...list('code also', info.notes.codeAlso ?? []),
        ...list('notes', info.notes.notes ?? []),
        ...list(
          `7th characters (from ${d.sevenths?.declaredAt ?? ''})`,
          Object.entries(d.sevenths?.chars ?? {}).map(([c, text]) => `${c}  ${text}`),
          20,
        ),
        ...list(
          'index phrases',
          d.indexPhrases.map((p) => (p.column ? `${p.phrase} — ${p.column}` : p.phrase)),
        ),
        ...list('synonyms (notecoder lexicon)', info.synonyms),
      );
      break;
    }
    case 'CPT':
      lines.push(
        `  system: CPT   category: ${info.category || '-'}   source: ${info.source === 'licensed' ? 'licensed CPT file' : 'notecoder lexicon (own words, not the AMA descriptor)'}`,
      );
      if (info.source === 'licensed' && info.ownDescription !== '') {
        lines.push(`  notecoder description: ${info.ownDescription}`);
      }
      lines.push(
        ...list(
          'modifiers',
          info.modifiers.map((m) => `${m}  ${info.modifierDescriptions[m] ?? ''}`.trimEnd()),
        ),
        ...list('triggers', info.triggers),
        ...list(
          'attributes',
          Object.entries(info.attributes).map(([k, v]) => `${k}=${v}`),
        ),
      );
      break;
    case 'HCPCS':
      lines.push(
        `  system: HCPCS Level II ${info.kind}${info.terminated ? `   DISCONTINUED ${info.terminated}` : ''}`,
        `  short title: ${info.shortTitle}`,
      );
      break;
  }
  return lines.join('\n');
}

/** Human-readable lines of search results. */
export function formatHits(hits: readonly SearchHit[]): string {
  if (hits.length === 0) {
    return 'no match';
  }
  return hits
    .map((hit) => {
      const flag = hit.billable
        ? ''
        : hit.system === 'ICD-10-CM'
          ? ' (header)'
          : ' (not reportable)';
      const via =
        hit.matched.text === hit.title
          ? ''
          : `\n      via ${hit.matched.field}: ${hit.matched.text}`;
      return `${hit.score.toFixed(3)}  ${hit.system.padEnd(9)} ${hit.code.padEnd(8)} ${hit.title}${flag}${via}`;
    })
    .join('\n');
}
