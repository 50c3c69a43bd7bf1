import { inRanges, isNegated, sentenceAround, type EmDoc, type Hit } from './em-doc.js';
import { headingHits, hitsIn } from './em-hits.js';
import { MDM_LEVELS, type MdmCue, type MdmLevel, type MdmWhere, type Span } from './em-types.js';

/** One element of medical decision making, scored 0 (minimal) to 3 (high). */
export interface MdmElement {
  readonly score: 0 | 1 | 2 | 3;
  /** The element's level in the AMA table's words ("limited", "moderate", ...). */
  readonly level: string;
  /** What earned it, in a coder's words. */
  readonly because: string;
  readonly evidence: readonly Hit[];
}

/** Medical decision making: the level met by two of its three elements. */
export interface Mdm {
  readonly level: MdmLevel;
  readonly problems: MdmElement;
  readonly data: MdmElement;
  readonly risk: MdmElement;
}

const PROBLEM_WORDS = ['minimal', 'low', 'moderate', 'high'] as const;
const DATA_WORDS = ['minimal or none', 'limited', 'moderate', 'extensive'] as const;
const RISK_WORDS = ['minimal', 'low', 'moderate', 'high'] as const;

type Found = { cue: MdmCue; hit: Hit };

/**
 * Scores the three MDM elements from the note's words (AMA 2021/2023 table) and takes the level that two
 * of the three meet or exceed.
 * - Problems: a threat to life or bodily function or a severe exacerbation is high; a chronic illness
 *   that is worse, two or more chronic illnesses, an undiagnosed new problem, an acute illness with
 *   systemic symptoms or a complicated injury is moderate; one chronic or acute problem is low.
 * - Data: category 1 counts each unique test reviewed or ordered, external notes and an independent
 *   historian; moderate needs one of (three in category 1, an independent interpretation, a discussion
 *   with an external physician), extensive two of them; limited is two tests/notes or a historian.
 * - Risk: the highest kind of management documented (hospitalization, DNR, parenteral controlled
 *   substances high; prescription drugs, surgery decisions, social determinants moderate; OTC drugs,
 *   therapy, minor procedures low).
 * @param doc - the note
 * @param cues - the MDM lexicon
 */
export function medicalDecisionMaking(doc: EmDoc, cues: readonly MdmCue[]): Mdm {
  const found = (element: MdmCue['element']): Found[] =>
    cues
      .filter((c) => c.element === element)
      .flatMap((cue) =>
        (cue.where === 'heading'
          ? headingHits(doc, cue.pattern)
          : hitsIn(doc, cue.pattern, rangesOf(doc, cue.where))
        )
          .filter((hit) => !isNegated(doc.text, hit.start, hit.end))
          .map((hit) => ({ cue, hit })),
      );
  const problems = problemElement(doc, found('problem'));
  const data = dataElement(doc, found('data'));
  const risk = riskElement(found('risk'));
  // Two of three: the middle of the three scores.
  const middle = [problems.score, data.score, risk.score].sort((a, b) => a - b)[1] ?? 0;
  return { level: MDM_LEVELS[middle] ?? 'straightforward', problems, data, risk };
}

function rangesOf(doc: EmDoc, where: MdmWhere): readonly Span[] {
  switch (where) {
    case 'problem':
      return doc.ranges.problem;
    case 'management':
      return doc.ranges.management;
    case 'data':
      return doc.ranges.data;
    case 'any':
      return doc.ranges.all;
    case 'heading':
      // Heading cues are read by `headingHits`.
      return [];
  }
}

function element(
  score: 0 | 1 | 2 | 3,
  words: readonly string[],
  because: string,
  evidence: readonly Hit[],
): MdmElement {
  return { score, level: words[score] ?? '', because, evidence: evidence.slice(0, 2) };
}

const quote = (hit: Hit): string => `"${hit.text.trim()}"`;

function problemElement(doc: EmDoc, found: readonly Found[]): MdmElement {
  const of = (category: string): Found[] => found.filter((f) => f.cue.category === category);
  const severe = [...of('severe'), ...of('severe-flare')];
  if (severe[0] !== undefined) {
    const f = severe[0];
    return element(3, PROBLEM_WORDS, `${f.cue.name} (${quote(f.hit)})`, [f.hit]);
  }
  const chronic = of('chronic');
  // A flare counts where a chronic illness is named in the same sentence.
  const flare = of('flare').find((f) => {
    const s = sentenceAround(doc.text, f.hit.start, f.hit.end);
    return chronic.some((c) => c.hit.start >= s.start && c.hit.end <= s.end);
  });
  if (flare !== undefined) {
    return element(2, PROBLEM_WORDS, `${flare.cue.name} (${quote(flare.hit)})`, [flare.hit]);
  }
  // An illness called chronic or stable without a name the lexicon knows ("Ischemic cardiac disease.
  // This remains stable."): one per sentence that names no chronic illness.
  const sentenceOf = (hit: Hit): number => sentenceAround(doc.text, hit.start, hit.end).start;
  const named = new Set(chronic.map((c) => sentenceOf(c.hit)));
  const unnamed = new Map<number, Found>();
  for (const f of of('chronic-unnamed')) {
    const at = sentenceOf(f.hit);
    if (!named.has(at) && !unnamed.has(at)) {
      unnamed.set(at, f);
    }
  }
  // Each illness with the words that name it: a named one once, an unnamed one per sentence.
  const illnesses: { name: string; hit: Hit }[] = [];
  for (const c of chronic) {
    if (!illnesses.some((i) => i.name === c.cue.name)) {
      illnesses.push({ name: c.cue.name, hit: c.hit });
    }
  }
  [...unnamed.values()].forEach((f, k) => {
    illnesses.push({ name: k === 0 ? f.cue.name : `${f.cue.name} ${k + 1}`, hit: f.hit });
  });
  const names = illnesses.map((i) => i.name);
  const firstOf = (name: string): Hit[] =>
    illnesses.filter((i) => i.name === name).map((i) => i.hit);
  const other = [...of('uncertain'), ...of('systemic'), ...of('complicated')][0];
  if (other !== undefined) {
    return element(2, PROBLEM_WORDS, `${other.cue.name} (${quote(other.hit)})`, [other.hit]);
  }
  if (names.length >= 2) {
    return element(
      2,
      PROBLEM_WORDS,
      `${names.length} chronic illnesses (${names.slice(0, 4).join(', ')})`,
      names.flatMap(firstOf),
    );
  }
  if (names[0] !== undefined) {
    return element(1, PROBLEM_WORDS, `one chronic illness (${names[0]})`, firstOf(names[0]));
  }
  const minor = of('minor');
  const stated = doc.ranges.problem.some((r) => /[a-z]{3}/i.test(doc.text.slice(r.start, r.end)));
  if (minor.length > 0 && minor[0] !== undefined) {
    const distinct = new Set(minor.map((m) => m.hit.text.toLowerCase()));
    return distinct.size >= 2
      ? element(
          1,
          PROBLEM_WORDS,
          'two or more minor problems',
          minor.map((m) => m.hit),
        )
      : element(0, PROBLEM_WORDS, `one minor problem (${quote(minor[0].hit)})`, [minor[0].hit]);
  }
  return stated
    ? element(1, PROBLEM_WORDS, 'an acute or stable problem addressed', [])
    : element(0, PROBLEM_WORDS, 'no problem stated', []);
}

function dataElement(doc: EmDoc, found: readonly Found[]): MdmElement {
  const of = (category: string): Found[] => found.filter((f) => f.cue.category === category);
  const within = (list: readonly Found[], s: Span): boolean =>
    list.some((f) => f.hit.start >= s.start && f.hit.end <= s.end);
  const results = of('result');
  const orders = of('order');
  const tests = new Map<string, Hit>();
  const named = of('test');
  for (const t of named) {
    // "chest x-ray" is one test, not a chest x-ray and an x-ray.
    const inside = named.some(
      (o) =>
        o !== t &&
        o.hit.start <= t.hit.start &&
        o.hit.end >= t.hit.end &&
        o.hit.text.length > t.hit.text.length,
    );
    if (inside || tests.has(t.cue.name)) {
      continue;
    }
    const s = sentenceAround(doc.text, t.hit.start, t.hit.end);
    const reviewed = inRanges(doc.ranges.results, t.hit.start) || within(results, s);
    const ordered =
      inRanges(doc.ranges.plan, t.hit.start) ||
      (inRanges(doc.ranges.management, t.hit.start) && within(orders, s));
    if (reviewed || ordered) {
      tests.set(t.cue.name, t.hit);
    }
  }
  const notes = of('notes')[0];
  const historian = of('historian')[0];
  const interpretation = of('interpretation')[0];
  const discussion = of('discussion')[0];
  const category1 = tests.size + (notes ? 1 : 0) + (historian ? 1 : 0);
  const met = [category1 >= 3, interpretation !== undefined, discussion !== undefined].filter(
    Boolean,
  ).length;
  const parts: string[] = [];
  if (tests.size > 0) {
    parts.push(
      `${tests.size} unique test(s) reviewed or ordered (${[...tests.keys()].slice(0, 5).join(', ')})`,
    );
  }
  const evidence: Hit[] = [];
  for (const [label, f] of [
    ['external notes reviewed', notes],
    ['independent historian', historian],
    ['independent interpretation', interpretation],
    ['discussion with an external physician', discussion],
  ] as const) {
    if (f !== undefined) {
      parts.push(`${label} (${quote(f.hit)})`);
      evidence.push(f.hit);
    }
  }
  evidence.push(...tests.values());
  const because = parts.length > 0 ? parts.join('; ') : 'no data documented';
  const score =
    met >= 2 ? 3 : met === 1 ? 2 : tests.size + (notes ? 1 : 0) >= 2 || historian ? 1 : 0;
  return element(score, DATA_WORDS, because, evidence);
}

function riskElement(found: readonly Found[]): MdmElement {
  const otc = found.filter((f) => f.cue.category === 'otc');
  const rank = (f: Found): number => {
    switch (f.cue.category) {
      case 'high':
        return 3;
      case 'moderate':
        // A dose of an over-the-counter drug ("ibuprofen 400 mg every 6 hours") is not prescription
        // drug management.
        return otc.some((o) => o.hit.end <= f.hit.start && f.hit.start - o.hit.end < 25) ? 1 : 2;
      case 'low':
      case 'otc':
        return 1;
      default:
        return 0;
    }
  };
  let best: Found | undefined;
  for (const f of found) {
    if (best === undefined || rank(f) > rank(best)) {
      best = f;
    }
  }
  if (best === undefined) {
    return element(0, RISK_WORDS, 'no management beyond minimal risk documented', []);
  }
  const score = rank(best) as 0 | 1 | 2 | 3;
  const name =
    score === 1 && best.cue.category === 'moderate' ? 'over-the-counter drug' : best.cue.name;
  return element(score, RISK_WORDS, `${name} (${quote(best.hit)})`, [best.hit]);
}
