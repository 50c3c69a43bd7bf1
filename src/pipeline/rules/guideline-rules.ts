import type { CodeSet } from '../../codes/code-set.js';
import { refCovers } from '../../codes/icd10cm/code-refs.js';
import type { Rules, Setting } from '../../core/types.js';
import { candidateAssertion, isLearned, type Candidate } from '../candidate.js';
import type { GuidelineData } from '../knowledge.js';

/** A candidate the rules dropped, and why. */
export interface Dropped {
  readonly candidate: Candidate;
  readonly reason: string;
  readonly detail: string;
}

const startsWithAny = (code: string, prefixes: readonly string[]): boolean =>
  prefixes.some((p) => code.startsWith(p));

/**
 * ICD-10-CM and CPT guideline rules over scored candidates, setting-aware:
 * negated findings are never coded; uncertain diagnoses are not coded in outpatient notes (guideline
 * IV.H; inpatient II.H codes them as established); family history becomes Z80–Z84, personal history of a
 * resolved condition Z85–Z87 (chronic conditions stay coded); combination codes from the data table;
 * Excludes1 pairs are never both reported; integral symptoms are dropped; 3D rendering is bundled into
 * CT/MR angiography. Every drop is returned with its reason.
 *
 * With `rules` `mentions` a diagnosis is kept whatever the note asserts about it (the assertion and a
 * reason say what), a history mention keeps its Z code too, and Excludes1 pairs and integral symptoms
 * both stay (both are mentioned); combination codes, specificity and procedures follow the billing rules.
 */
export function applyGuidelines(
  candidates: readonly Candidate[],
  setting: Setting,
  codeSet: CodeSet,
  data: GuidelineData,
  make: (code: string, from: Candidate, reason: string) => Candidate | undefined,
  /** Only candidates at or above this confidence make other codes drop (a weak guess never does). */
  operating = 0,
  rules: Rules = 'billing',
): { kept: Candidate[]; dropped: Dropped[] } {
  const mentions = rules === 'mentions';
  // Only a code the dictionary found can make another drop; a clear match counts whatever its
  // confidence (calibrated on case reports), a learned association alone never does. Asked many
  // times per candidate, so remembered (by confidence too: combination codes raise it).
  const strongSeen = new Map<
    Candidate,
    { confidence: number; mentions: number; strong: boolean }
  >();
  const strong = (c: Candidate): boolean => {
    const seen = strongSeen.get(c);
    if (seen?.confidence === c.confidence && seen.mentions === c.mentions.length) {
      return seen.strong;
    }
    let direct = false;
    let clear = false;
    for (const m of c.mentions) {
      if (!isLearned(m.source) && m.assertion === 'present') {
        direct = true;
        // A tight match, or a good one of three words or more ("hypertensive heart disease with
        // heart failure"), is a clear reading.
        clear ||= m.quality >= 0.9 || (m.length >= 3 && m.quality >= 0.7);
      }
    }
    const result = direct && (c.confidence >= operating || clear);
    strongSeen.set(c, { confidence: c.confidence, mentions: c.mentions.length, strong: result });
    return result;
  };
  const dropped: Dropped[] = [];
  let kept: Candidate[] = [];
  // A diagnosis the billing rules would drop for its assertion, kept as a mention (with why).
  const keepMention = (c: Candidate, said: string): void => {
    c.reasons.push(`${said}: suggested as a mention (rules: mentions), not for a claim`);
    kept.push(c);
  };
  const added: Candidate[] = [];
  for (const c of candidates) {
    const assertion = candidateAssertion(c);
    const diagnosis = c.system === 'ICD-10-CM';
    if (mentions && diagnosis && (assertion === 'absent' || assertion === 'hypothetical')) {
      keepMention(c, assertion === 'absent' ? 'the note says it is absent' : 'hypothetical');
      continue;
    }
    if (assertion === 'absent') {
      dropped.push({ candidate: c, reason: 'negated', detail: 'the note says it is absent' });
      continue;
    }
    if (assertion === 'hypothetical') {
      dropped.push({
        candidate: c,
        reason: c.system === 'ICD-10-CM' ? 'hypothetical' : 'not-performed',
        detail: 'planned, conditional or ordered, not documented as done or present',
      });
      continue;
    }
    if (c.system !== 'ICD-10-CM') {
      kept.push(c);
      continue;
    }
    if (assertion === 'possible') {
      if (setting === 'outpatient' && mentions) {
        keepMention(c, 'uncertain');
        continue;
      }
      if (setting === 'outpatient') {
        dropped.push({
          candidate: c,
          reason: 'uncertain-outpatient',
          detail:
            'uncertain diagnosis in an outpatient note: code the documented signs and symptoms instead (guideline IV.H)',
        });
        continue;
      }
      c.reasons.push(
        'uncertain diagnosis coded as if established: inpatient setting (guideline II.H)',
      );
    }
    if (assertion === 'family' || assertion === 'historical') {
      if (assertion === 'historical' && startsWithAny(c.code, data.chronic)) {
        c.reasons.push('"history of" a chronic condition that continues: still coded');
        kept.push(c);
        continue;
      }
      const row = data.history.find(
        (h) => h.assertion === assertion && startsWithAny(c.code, h.prefixes),
      );
      const replacement =
        row === undefined
          ? undefined
          : make(
              row.target,
              c,
              `${assertion === 'family' ? 'family' : 'personal'} history of ${c.code} ${c.title}`,
            );
      if (replacement !== undefined) {
        added.push(replacement);
      }
      if (mentions) {
        keepMention(c, assertion === 'family' ? 'family history' : 'history');
        continue;
      }
      dropped.push({
        candidate: c,
        reason: assertion === 'family' ? 'family-history' : 'personal-history',
        detail:
          replacement === undefined
            ? 'history only; no history code applies'
            : `coded as ${replacement.code} instead`,
      });
      continue;
    }
    kept.push(c);
  }
  for (const a of added) {
    const same = kept.find((k) => k.code === a.code);
    if (same === undefined) {
      kept.push(a);
    } else {
      same.confidence = Math.max(same.confidence, a.confidence);
    }
  }

  // The parts a combination code replaces go, with the rule as the reason.
  const dropParts = (rule: GuidelineData['combinations'][number], combo: Candidate): void => {
    kept = kept.filter((k) => {
      const drop = k !== combo && k.system === 'ICD-10-CM' && startsWithAny(k.code, rule.suppress);
      if (drop) {
        dropped.push({
          candidate: k,
          reason: 'combination-code',
          detail: `${rule.add}: ${rule.note}`,
        });
      }
      return !drop;
    });
  };

  // Combination codes, in table order.
  for (const rule of data.combinations) {
    const groups = rule.when.map((group) =>
      // The code's prefix first: most candidates match no rule, and `strong` is the dearer test.
      kept.filter(
        (k) => k.system === 'ICD-10-CM' && group.some((p) => k.code.startsWith(p)) && strong(k),
      ),
    );
    if (groups.some((g) => g.length === 0)) {
      continue;
    }
    const from = groups.flat();
    const base = from[0];
    const existing = kept.find((k) => k.system === 'ICD-10-CM' && k.code === rule.add);
    const combo = existing ?? (base === undefined ? undefined : make(rule.add, base, rule.note));
    if (combo === undefined) {
      continue;
    }
    if (existing === undefined) {
      combo.confidence = Math.min(...from.map((f) => f.confidence));
      combo.mentions.push(...from.flatMap((f) => f.mentions.slice(0, 1)));
    } else {
      combo.confidence = Math.max(combo.confidence, Math.min(...from.map((f) => f.confidence)));
      combo.reasons.push(rule.note);
    }
    dropParts(rule, combo);
    if (existing === undefined) {
      kept.push(combo);
    }
  }

  // A combination code found directly ("hypertensive chronic kidney disease") also replaces its parts.
  for (const rule of data.combinations) {
    // Found, not guessed: an unspecified child proposed for a header names no combination.
    const combo = kept.find(
      (k) => k.system === 'ICD-10-CM' && k.code === rule.add && !k.guessed && strong(k),
    );
    if (combo !== undefined) {
      dropParts(rule, combo);
    }
  }

  // Less specific: an unspecified guess beside a specific code of the same category.
  kept = kept.filter((k) => {
    if (k.system !== 'ICD-10-CM' || !k.guessed) {
      return true;
    }
    const better = kept.find(
      (o) =>
        o !== k &&
        o.system === 'ICD-10-CM' &&
        !o.guessed &&
        strong(o) &&
        o.code.slice(0, 3) === k.code.slice(0, 3),
    );
    if (better !== undefined) {
      dropped.push({
        candidate: k,
        reason: 'less-specific',
        detail: `${better.code} is more specific`,
      });
      return false;
    }
    return true;
  });

  // Excludes1 and integral symptoms are billing rules: every mention keeps both codes of a pair and
  // its symptoms.
  if (!mentions) {
    // Excludes1: of a pair, keep a definitive diagnosis over a symptom (guideline I.B.4–5), then a
    // dictionary reading over a learned association, then the more confident.
    // The words of the longest dictionary term behind a candidate: of two readings of the same words,
    // the one that took more of them is the more specific ("hypertensive heart disease with heart
    // failure" over "heart disease").
    const termLength = (c: Candidate): number =>
      c.mentions.reduce(
        (n, m) => (!isLearned(m.source) && m.assertion === 'present' ? Math.max(n, m.length) : n),
        0,
      );
    const rank = (c: Candidate, length: number): number =>
      (c.code.startsWith('R') ? 0 : 4) +
      (c.mentions.some((m) => !isLearned(m.source)) ? 2 : 0) +
      (strong(c) || length >= 3 ? 1 : 0);
    // Rank and term length worked out once per candidate, not at every comparison of the sort.
    const icd = kept
      .filter((k) => k.system === 'ICD-10-CM')
      .map((c) => {
        const length = termLength(c);
        return { c, length, rank: rank(c, length) };
      })
      .sort((a, b) => b.rank - a.rank || b.length - a.length || b.c.confidence - a.c.confidence)
      .map((d) => d.c);
    // Each code's Excludes1 references name the codes it conflicts with (in either direction): the pairs
    // are collected once, reference by reference, instead of testing every pair of candidates.
    const order = new Map(icd.map((c, i) => [c, i]));
    const conflicts = new Map<Candidate, Candidate[]>();
    const connect = (x: Candidate, y: Candidate): void => {
      const list = conflicts.get(x);
      if (list === undefined) {
        conflicts.set(x, [y]);
      } else if (!list.includes(y)) {
        list.push(y);
      }
    };
    // Candidates sorted by compact code: the codes a reference covers (a prefix, or a range of
    // prefixes) lie next to each other from the first code not below the reference's start.
    const sorted = icd
      .map((c) => ({ c, compact: c.code.replace('.', '') }))
      .sort((x, y) => (x.compact < y.compact ? -1 : x.compact > y.compact ? 1 : 0));
    for (const a of icd) {
      for (const ref of codeSet.excludes1Refs(a.code)) {
        let lo = 0;
        let hi = sorted.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if ((sorted[mid]?.compact ?? '') < ref.from) {
            lo = mid + 1;
          } else {
            hi = mid;
          }
        }
        for (let i = lo; i < sorted.length; i++) {
          const b = sorted[i];
          if (b === undefined || !refCovers(ref, b.compact)) {
            break;
          }
          if (b.c !== a) {
            connect(a, b.c);
            connect(b.c, a);
          }
        }
      }
    }
    const gone = new Set<Candidate>();
    for (const a of icd) {
      if (gone.has(a)) {
        continue;
      }
      for (const b of conflicts.get(a) ?? []) {
        if (!gone.has(b) && (order.get(b) ?? 0) > (order.get(a) ?? 0)) {
          gone.add(b);
          dropped.push({
            candidate: b,
            reason: 'excludes1-conflict',
            detail: `Excludes1 with ${a.code}: never reported together`,
          });
        }
      }
    }
    kept = kept.filter((k) => !gone.has(k));

    // Integral symptoms (guideline I.B.5).
    const diagnoses = kept.filter(
      (k) => k.system === 'ICD-10-CM' && !k.code.startsWith('R') && strong(k),
    );
    kept = kept.filter((k) => {
      if (k.system !== 'ICD-10-CM' || !k.code.startsWith('R')) {
        return true;
      }
      const row = data.integral.find((r) => k.code.startsWith(r.symptom));
      const host =
        row === undefined ? undefined : diagnoses.find((d) => startsWithAny(d.code, row.diagnoses));
      if (host !== undefined) {
        dropped.push({
          candidate: k,
          reason: 'integral-symptom',
          detail: `a routine sign of ${host.code} ${host.title} (guideline I.B.5)`,
        });
        return false;
      }
      return true;
    });
  }

  // CPT: a diagnostic endoscopy inside a therapeutic one, a component inside a global service.
  for (const rule of data.cptRules.filter((r) => r.rule === 'bundle')) {
    const into = kept.find((k) => k.system === 'CPT' && rule.other.includes(k.code));
    if (into !== undefined) {
      kept = kept.filter((k) => {
        const bundled = k.system === 'CPT' && k.code === rule.code;
        if (bundled) {
          dropped.push({ candidate: k, reason: 'bundled', detail: `included in ${into.code}` });
        }
        return !bundled;
      });
    }
  }

  // 3D rendering is included in CT and MR angiography.
  const angiography = kept.find(
    (k) =>
      k.system === 'CPT' &&
      /^(70496|70498|71275|72191|73206|73706|74174|74175|75635|70544|70545|70546|70547|70548|70549)$/.test(
        k.code,
      ),
  );
  if (angiography !== undefined) {
    kept = kept.filter((k) => {
      const bundled = k.system === 'CPT' && (k.code === '76376' || k.code === '76377');
      if (bundled) {
        dropped.push({
          candidate: k,
          reason: 'bundled-into-angiography',
          detail: `${angiography.code} already includes image post-processing`,
        });
      }
      return !bundled;
    });
  }
  return { kept, dropped };
}
