import type { Assertion } from '../../core/types.js';
import { candidateAssertion, type Candidate } from '../candidate.js';
import type { Knowledge } from '../knowledge.js';
import { makeMention } from '../make-mention.js';
import type { NoteDoc } from '../note-doc.js';
import { ageFits, patientAge } from './procedure-scope.js';
import { entriesByCode } from './refine-procedure-facets.js';
import { ruleWordAt } from './rule-word-at.js';

type CptRule = Knowledge['guidelines']['cptRules'][number];
type CptEntry = Knowledge['codeSet']['cpt']['entries'][number];

/** Stems that make a sentence about vaccination ("immunizations", "vaccine", "shot", "VIS"). */
function aboutVaccines(stem: string): boolean {
  return (
    stem.startsWith('vaccin') ||
    stem.startsWith('immuniz') ||
    stem.startsWith('immunis') ||
    stem === 'shot' ||
    stem === 'vis'
  );
}

/** How a counselling word may be said: the parents counselled (`family`), "possible side effects were discussed" (`possible`). */
const COUNSELLED: ReadonlySet<Assertion> = new Set(['present', 'family', 'possible']);

/** Words of a vaccine's risks and benefits: what makes the sentence after the vaccines counselling on them. */
const EFFECTS: ReadonlySet<string> = new Set(['risk', 'benefit', 'effect', 'reaction']);

/**
 * The first token of a counselling word (`rule.words`), said (not denied, not planned), in a sentence about the
 * vaccines, or in the sentence right after one where it tells their risks, benefits, side effects or
 * reactions ("Will receive MMR today. Risks and benefits discussed with mother."; not "Discussed the
 * plan with him."); −1 when the note documents no counselling on them.
 */
function counselledAt(doc: NoteDoc, rule: CptRule, vaccines: readonly Candidate[]): number {
  const { tokens } = doc;
  const topic = new Set<number>();
  const effects = new Set<number>();
  for (const t of tokens) {
    if (aboutVaccines(t.stem)) {
      topic.add(t.sentence);
    }
    if (EFFECTS.has(t.stem)) {
      effects.add(t.sentence);
    }
  }
  for (const v of vaccines) {
    for (const m of v.mentions) {
      const t = tokens.find((k) => k.start >= m.evidence.start);
      if (t !== undefined) {
        topic.add(t.sentence);
      }
    }
  }
  const words = rule.words.map((w) => w.split('+'));
  return tokens.findIndex(
    (t, i) =>
      (topic.has(t.sentence) || (topic.has(t.sentence - 1) && effects.has(t.sentence))) &&
      words.some((w) => ruleWordAt(tokens, i, w)) &&
      COUNSELLED.has(doc.context.assess(i, i).assertion),
  );
}

/** Below every operating threshold: a product shown for the coder to name. */
const REVIEW_CONFIDENCE = 0.2;

/**
 * A vaccine product whose code names a formulation (`formulation` attribute: its words) on a note that
 * names none of them ("flu shot given") is shown for review below the threshold: the note documents that a
 * vaccine was given, not which product.
 */
function reviewUnnamedProducts(
  doc: NoteDoc,
  entries: ReadonlyMap<string, CptEntry>,
  vaccines: readonly Candidate[],
): void {
  const text = doc.text.toLowerCase();
  for (const v of vaccines) {
    const words = entries.get(v.code)?.attributes.formulation;
    if (words === undefined || words.split('|').some((w) => text.includes(w))) {
      continue;
    }
    v.fixedConfidence = REVIEW_CONFIDENCE;
    v.confidence = REVIEW_CONFIDENCE;
    v.reasons.push(
      'the note does not name the formulation: the product is left for the coder to name',
    );
  }
}

/** Components (`components` attribute, 1 when absent) of the vaccine products. */
function componentCount(
  entries: ReadonlyMap<string, CptEntry>,
  vaccines: readonly Candidate[],
): number {
  return vaccines.reduce((n, v) => n + Number(entries.get(v.code)?.attributes.components ?? 1), 0);
}

/**
 * Vaccines given (present) bring their administration codes, on the first vaccine's evidence. The
 * administration rules are tried in table order: a rule with words (counselling through age 18:
 * 90460/90461) applies only where the note states an age in its code's `age` band and documents the
 * counselling on those vaccines; the rule without words (90471/90472) is the default. The additional
 * code comes beside the first where there is more to count: a second vaccine (90472), a second
 * component of a combined vaccine (90461); its units are the claim's (`vaccineAdminUnits`).
 * @param rules - the `admin` rules of cpt-rules.tsv, in table order
 */
export function vaccineAdministration(
  doc: NoteDoc,
  knowledge: Knowledge,
  rules: readonly CptRule[],
): void {
  const { candidates } = doc;
  const entries = entriesByCode(knowledge.codeSet.cpt.entries);
  const vaccines = candidates.filter(
    (c) =>
      c.system === 'CPT' &&
      entries.get(c.code)?.attributes.product === 'vaccine' &&
      candidateAssertion(c) === 'present',
  );
  const first = vaccines[0];
  const adminCodes = new Set(rules.flatMap((r) => [r.code, ...r.other]));
  if (first === undefined || candidates.some((c) => c.system === 'CPT' && adminCodes.has(c.code))) {
    return;
  }
  const age = patientAge(doc.text);
  // The first rule that applies: one with words where the age fits and the counselling is said, else
  // the one without words.
  let rule: CptRule | undefined;
  let counselled = -1;
  for (const r of rules) {
    if (r.words.length === 0) {
      rule = r;
      break;
    }
    if (age !== undefined && ageFits(entries.get(r.code)?.attributes.age, age)) {
      counselled = counselledAt(doc, r, vaccines);
      if (counselled >= 0) {
        rule = r;
        break;
      }
    }
  }
  const entry = rule === undefined ? undefined : entries.get(rule.code);
  if (rule === undefined || entry === undefined) {
    return;
  }
  // The administration is coded from the first vaccine as read, before a product left unnamed is lowered.
  const given = { ...first };
  reviewUnnamedProducts(doc, entries, vaccines);
  const named = `${vaccines.length} vaccine(s) (${vaccines.map((v) => v.code).join(', ')})`;
  const norm = doc.tokens[counselled]?.norm ?? '';
  const counsel =
    counselled >= 0 ? [makeMention(doc, counselled, counselled, 'cpt-trigger', 1, norm, 1)] : [];
  candidates.push({
    ...given,
    code: entry.code,
    title: entry.description,
    mentions: [...first.mentions, ...counsel],
    reasons: [
      `administration of ${named}${counselled >= 0 ? `, with counselling ("${norm}") at age ${age ?? ''}` : ''}`,
    ],
    modifiers: [],
  });
  const more =
    counselled >= 0 ? componentCount(entries, vaccines) - vaccines.length : vaccines.length - 1;
  const additional = rule.other[0] === undefined ? undefined : entries.get(rule.other[0]);
  if (more > 0 && additional !== undefined) {
    candidates.push({
      ...given,
      code: additional.code,
      title: additional.description,
      mentions: vaccines.flatMap((v) => v.mentions.slice(0, 1)),
      reasons: [
        counselled >= 0
          ? `${more} further vaccine component(s) counselled on (${named})`
          : `${more} further vaccine(s) administered (${named})`,
      ],
      modifiers: [],
    });
  }
}
