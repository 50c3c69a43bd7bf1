import {
  entriesByCode,
  familyMember,
  refineProcedureFacets,
} from '../cpt/refine-procedure-facets.js';
import { candidateAssertion } from '../candidate.js';
import { attemptedOnly } from '../cpt/attempted-only.js';
import { ruleWordAt } from '../cpt/rule-word-at.js';
import { vaccineAdministration } from '../cpt/vaccine-administration.js';
import type { Knowledge } from '../knowledge.js';
import { makeMention } from '../make-mention.js';
import type { NoteDoc } from '../note-doc.js';
import type { Stage } from './stage.js';

type CptRule = Knowledge['guidelines']['cptRules'][number];

/**
 * The first token where one of the rule's words is said and not negated (nor only attempted), or −1. A word written `!snare`
 * is one that must not be said: when it is, the rule does not apply ("forceps" but no "snare").
 */
function presentWord(doc: NoteDoc, rule: CptRule): number {
  const unless = rule.words.filter((w) => w.startsWith('!'));
  if (
    unless.length > 0 &&
    presentWord(doc, { ...rule, words: unless.map((w) => w.slice(1)) }) >= 0
  ) {
    return -1;
  }
  const words = rule.words
    .filter((w) => !w.startsWith('!') && !w.startsWith('@'))
    .map((w) => w.split('+'));
  return doc.tokens.findIndex(
    (_, i) =>
      words.some((w) => ruleWordAt(doc.tokens, i, w)) &&
      doc.context.assess(i, i).assertion === 'present' &&
      !attemptedOnly(doc.text, doc.tokens[i]?.start ?? 0, doc.tokens[i]?.end ?? 0),
  );
}

/** "EGD" + "biopsies obtained" → EGD with biopsy: the code becomes `other` when a present word says so. */
function upgrade(doc: NoteDoc, knowledge: Knowledge, rule: CptRule): void {
  const { candidates, tokens } = doc;
  const c = candidates.find((k) => k.system === 'CPT' && k.code === rule.code);
  if (c === undefined) {
    return;
  }
  const word = presentWord(doc, rule);
  const target = knowledge.codeSet.cpt.entries.find((e) => e.code === rule.other[0]);
  const already = candidates.find((k) => k.system === 'CPT' && k.code === target?.code);
  // `@code`: the other part of the combined service, read by its own words (a posterolateral fusion
  // beside an interbody fusion is the combined fusion).
  const parts = rule.words.filter((w) => w.startsWith('@')).map((w) => w.slice(1));
  const part = candidates.find(
    (k) => k.system === 'CPT' && parts.includes(k.code) && candidateAssertion(k) === 'present',
  );
  if (part !== undefined && target !== undefined && already === undefined) {
    c.code = target.code;
    c.title = target.description;
    c.reasons.push(`${part.code} read beside it: the combined service ${target.code}`);
    c.mentions.push(...part.mentions);
    return;
  }
  if (word >= 0 && already !== undefined && rule.words.some((w) => w.startsWith('!'))) {
    // Read already by its own words ("cold biopsy forceps"): the two are one service.
    already.mentions.push(...c.mentions);
    candidates.splice(candidates.indexOf(c), 1);
    return;
  }
  if (word >= 0 && target !== undefined && already === undefined) {
    c.code = target.code;
    c.title = target.description;
    c.reasons.push(`"${tokens[word]?.norm ?? ''}" documented: ${target.code}`);
    c.mentions.push(makeMention(doc, word, word, 'cpt-trigger', 1, tokens[word]?.norm ?? '', 1));
  }
}

/**
 * "ACDF" + "a 20-mm plate was placed" → the anterior instrumentation add-on too: a service the primary
 * procedure's note documents by a word of its own (the plate of an anterior fusion), added beside it.
 */
function companion(doc: NoteDoc, knowledge: Knowledge, rule: CptRule): void {
  const { candidates, tokens } = doc;
  const primary = candidates.find(
    (k) => k.system === 'CPT' && k.code === rule.code && candidateAssertion(k) === 'present',
  );
  const byCode = entriesByCode(knowledge.codeSet.cpt.entries);
  const named = rule.other[0] === undefined ? undefined : byCode.get(rule.other[0]);
  const family = named?.attributes.family;
  if (
    primary === undefined ||
    named === undefined ||
    // Already there, or a member of its facet family is (four vertebrae instrumented: 22846, not 22845).
    candidates.some(
      (k) =>
        k.system === 'CPT' &&
        (k.code === named.code ||
          (family !== undefined && byCode.get(k.code)?.attributes.family === family)),
    )
  ) {
    return;
  }
  const word = presentWord(doc, rule);
  if (word < 0) {
    return;
  }
  // The family member the primary's words describe: a plate over three fused interspaces spans four
  // vertebral segments (22846, not 22845).
  const at = [...primary.mentions.map((m) => m.evidence.start), tokens[word]?.start ?? 0];
  const target = familyMember(doc, knowledge.codeSet.cpt.entries, named, at);
  const norm = tokens[word]?.norm ?? '';
  candidates.push({
    ...primary,
    code: target.code,
    title: target.description,
    mentions: [makeMention(doc, word, word, 'cpt-trigger', 1, norm, 1)],
    reasons: [`"${norm}" documented with ${primary.code}: ${target.code}`],
    modifiers: [],
  });
}

/**
 * CPT facets, upgrades and add-ons: a procedure of a facet family becomes the member its words describe
 * (`refineProcedureFacets`: wound length and site, excised size, joint size, counts); from
 * `cpt-rules.tsv`, a code found with a word that makes it a more complete
 * service becomes that service ("EGD" + "biopsies obtained" → EGD with biopsy), a word of a service
 * documented with its primary procedure adds it ("ACDF" + "plate" → anterior instrumentation), and
 * vaccines given bring their administration code.
 * @param knowledge - the CPT rules and the CPT lexicon
 */
export function createCptUpgradesStage(knowledge: Knowledge): Stage {
  const { cptRules } = knowledge.guidelines;
  const upgrades = cptRules.filter((r) => r.rule === 'upgrade');
  const companions = cptRules.filter((r) => r.rule === 'with');
  const admins = cptRules.filter((r) => r.rule === 'admin');
  const { entries } = knowledge.codeSet.cpt;
  return (doc) => {
    refineProcedureFacets(doc, entries);
    for (const rule of upgrades) {
      upgrade(doc, knowledge, rule);
    }
    for (const rule of companions) {
      companion(doc, knowledge, rule);
    }
    vaccineAdministration(doc, knowledge, admins);
  };
}
