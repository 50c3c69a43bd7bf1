import type { Setting } from '../../../core/types.js';
import { isPlanned, type EmDoc, type Hit } from './em-doc.js';
import { firstCueHit } from './em-hits.js';
import type { EmCue, EmFamily } from './em-types.js';

/** The family and patient type a note documents, with the words that say so. */
export interface EmEncounter {
  readonly family: EmFamily;
  /** The family was read from the note's words, not assumed from the setting alone. */
  readonly familyClear: boolean;
  /** Office visits: new or established was stated (or implied by a progress note). */
  readonly patientClear: boolean;
  /** The family cue, then the patient-type cue. */
  readonly evidence: readonly Hit[];
  /** For the coder: the family, the patient type and the words they come from. */
  readonly reason: string;
}

/** Why a note gets no E/M. */
export interface NotEncounter {
  readonly why: string;
}

/** A family as the cues name it, before the setting picks office or hospital. */
type CueFamily = 'office' | 'ed' | 'admission' | 'progress' | 'consult' | 'discharge';

/** What a coder calls each family. */
export const FAMILY_LABEL: Readonly<Record<EmFamily, string>> = {
  'office-new': 'office or other outpatient visit, new patient',
  'office-established': 'office or other outpatient visit, established patient',
  ed: 'emergency department visit',
  'hospital-initial': 'initial hospital inpatient or observation care',
  'hospital-subsequent': 'subsequent hospital inpatient or observation care',
  discharge: 'hospital discharge day management',
  'office-consult': 'office or other outpatient consultation',
  'inpatient-consult': 'inpatient or observation consultation',
  'critical-care': 'critical care',
};

// Ties go to the more specific family (a discharge summary also mentions the admission).
const PRIORITY: readonly CueFamily[] = [
  'discharge',
  'consult',
  'admission',
  'ed',
  'progress',
  'office',
];
const SETTING_FAMILIES: Readonly<Record<Setting, ReadonlySet<CueFamily>>> = {
  outpatient: new Set(['office', 'ed', 'consult']),
  inpatient: new Set(['admission', 'progress', 'consult', 'discharge']),
};
const WHY: Readonly<Record<string, string>> = {
  operative: 'an operative or procedure note (the procedure includes its visit)',
  report: 'a diagnostic report, not a patient encounter',
  letter: 'a letter, not the record of an encounter',
  'other-service': 'a service other than a physician E/M visit',
  preventive: 'a preventive visit, not a problem-oriented E/M',
  postoperative:
    'a postoperative visit in the global surgical period: included in the operation (99024), not billed as an E/M',
  facility:
    'a visit at a nursing facility or in the home: those E/M families (99304–99350) are not proposed',
};

/** A cue and its first match in the note. */
type Found = { cue: EmCue; hit: Hit };
/** Each family's score (the weights of its cues found) and its strongest words. */
type Scores = Map<CueFamily, { score: number; best: Hit; weight: number }>;

const NO_ENCOUNTER = 'no patient encounter documented (no history with an assessment or plan)';

/**
 * Decides whether a note documents an E/M encounter and of which family: from its headings and words
 * (the cue lexicon), then the setting (`outpatient`: office, ED, office consult; `inpatient`:
 * admission, progress, inpatient consult, discharge). Operative and procedure notes, diagnostic reports,
 * letters, non-physician services, preventive visits and notes without an assessment or plan (a case
 * report, an educational page) are not E/M encounters. Planned visits ("follow-up visit in 2 weeks")
 * are not this encounter.
 * @param doc - the note
 * @param cues - the cue lexicon
 * @param setting - the note's setting
 * @param imagingReport - the note's title is an imaging exam
 * @param timed - the note states time spent on this encounter (itself the mark of a visit)
 */
export function emEncounter(
  doc: EmDoc,
  cues: readonly EmCue[],
  setting: Setting,
  imagingReport: boolean,
  timed = false,
): EmEncounter | NotEncounter {
  const read = cueReader(doc, cues);
  // Cheap evidence first (headings, an assessment label, a strong cue): a narrative with none of
  // them is not read any further.
  const evaluation = read('encounter', (c) => c.value === 'evaluation').length > 0;
  const strong =
    read('family', (c) => c.weight >= 3).length > 0 ||
    read('patient', (c) => c.weight >= 3).length > 0;
  if (!timed && !strong && !evaluation) {
    return { why: NO_ENCOUNTER };
  }
  const patientHits = read('patient');
  const family = familyScores(read('family'), patientHits);
  const scoreOf = (f: CueFamily): number => family.get(f)?.score ?? 0;
  const why = notEncounter(doc, read('not-encounter'), scoreOf, imagingReport);
  if (why !== undefined) {
    return { why };
  }
  const history = read('encounter', (c) => c.value === 'history').length > 0;
  const total = [...family.values()].reduce((sum, f) => sum + f.score, 0);
  if (!timed && !strong && !(evaluation && (history || total >= 2))) {
    return { why: NO_ENCOUNTER };
  }
  return chooseFamily(doc, family, patientHits, setting);
}

/** Reads cues of one kind, each at most once per note: the first match that is not a planned visit. */
function cueReader(
  doc: EmDoc,
  cues: readonly EmCue[],
): (kind: EmCue['kind'], keep?: (cue: EmCue) => boolean) => Found[] {
  const memo = new Map<EmCue, Hit | null>();
  return (kind, keep = () => true) =>
    cues
      .filter((c) => c.kind === kind && keep(c))
      .flatMap((cue) => {
        let hit = memo.get(cue);
        if (hit === undefined) {
          hit = firstCueHit(doc, cue, (h) => !isPlanned(doc.text, h.start, h.end)) ?? null;
          memo.set(cue, hit);
        }
        return hit === null ? [] : [{ cue, hit }];
      });
}

function familyScores(found: readonly Found[], patientHits: readonly Found[]): Scores {
  const family: Scores = new Map();
  const add = (value: CueFamily, weight: number, hit: Hit): void => {
    const seen = family.get(value);
    family.set(value, {
      score: (seen?.score ?? 0) + weight,
      best: seen === undefined || weight > seen.weight ? hit : seen.best,
      weight: Math.max(weight, seen?.weight ?? 0),
    });
  };
  for (const { cue, hit } of found) {
    add(cue.value as CueFamily, cue.weight, hit);
  }
  // "New patient", "established patient", "follow-up visit": the words of an office visit too.
  const strongest = [...patientHits].sort((a, b) => b.cue.weight - a.cue.weight)[0];
  if (strongest !== undefined && strongest.cue.weight >= 2) {
    add('office', strongest.cue.weight, strongest.hit);
  }
  return family;
}

function chooseFamily(
  doc: EmDoc,
  family: Scores,
  patientHits: readonly Found[],
  setting: Setting,
): EmEncounter {
  const scoreOf = (f: CueFamily): number => family.get(f)?.score ?? 0;
  // A family needs a strong cue or two weak ones ("was admitted" alone is the story, not the note);
  // the setting rules out the other setting's office and ED families and favours its own.
  const ranked = PRIORITY.filter(
    (f) => scoreOf(f) >= 2 && !(setting === 'inpatient' && (f === 'office' || f === 'ed')),
  )
    .map((f) => ({ f, score: scoreOf(f) + (SETTING_FAMILIES[setting].has(f) ? 1 : 0) }))
    .sort((a, b) => b.score - a.score || PRIORITY.indexOf(a.f) - PRIORITY.indexOf(b.f));
  const chosen = ranked[0]?.f ?? fallbackFamily(doc, setting);
  const cue = family.get(chosen);
  const evidence = cue === undefined ? [] : [cue.best];
  const from =
    cue === undefined ? ` (assumed from the ${setting} setting)` : ` ("${cue.best.text.trim()}")`;
  const concrete = concreteFamily(chosen, setting);
  if (concrete !== 'office') {
    return {
      family: concrete,
      familyClear: cue !== undefined,
      patientClear: true,
      evidence,
      reason: `Family: ${FAMILY_LABEL[concrete]}${from}`,
    };
  }
  const patient = patientType(patientHits);
  const office = patient.type === 'new' ? 'office-new' : 'office-established';
  const same = patient.hit !== undefined && evidence.some((e) => e.start === patient.hit?.start);
  let says = '';
  if (patient.hit === undefined) {
    says = '; new or established is not stated: established assumed';
  } else if (!same) {
    says = `; ${patient.type} patient ("${patient.hit.text.trim()}")`;
  }
  return {
    family: office,
    familyClear: cue !== undefined,
    patientClear: patient.clear,
    evidence: patient.hit === undefined || same ? evidence : [...evidence, patient.hit],
    reason: `Family: ${FAMILY_LABEL[office]}${from}${says}${patient.clear || patient.hit === undefined ? '' : ' (weakly stated)'}`,
  };
}

function notEncounter(
  doc: EmDoc,
  found: readonly Found[],
  scoreOf: (f: CueFamily) => number,
  imagingReport: boolean,
): string | undefined {
  const kinds = new Set(found.filter((f) => f.cue.weight >= 3).map((f) => f.cue.value));
  for (const value of ['letter', 'other-service', 'preventive', 'postoperative', 'facility']) {
    if (kinds.has(value)) {
      return WHY[value];
    }
  }
  // A discharge summary lists the operations of the stay; an ED record may hold a procedure note.
  if (scoreOf('discharge') >= 2) {
    return undefined;
  }
  if (kinds.has('operative') && scoreOf('ed') < 3) {
    return WHY.operative;
  }
  if (kinds.has('report') || imagingReport) {
    return WHY.report;
  }
  // A procedure documented without a clearly stated visit is the procedure's own note.
  const visitScore = Math.max(
    ...(['office', 'ed', 'consult', 'admission', 'progress'] as const).map(scoreOf),
  );
  if (doc.sections.some((s) => s.name === 'procedure') && visitScore < 2) {
    return WHY.operative;
  }
  return undefined;
}

function fallbackFamily(doc: EmDoc, setting: Setting): CueFamily {
  if (setting === 'outpatient') {
    return 'office';
  }
  // A full history and physical (two of past, surgical, family, social history and review of
  // systems, and an exam) opens a stay; a shorter note follows one.
  const has = (name: string): boolean => doc.sections.some((s) => s.name === name);
  const history = ['pmh', 'psh', 'family history', 'social history', 'ros'].filter(has).length;
  return history >= 2 && has('exam') ? 'admission' : 'progress';
}

function concreteFamily(family: CueFamily, setting: Setting): EmFamily | 'office' {
  switch (family) {
    case 'discharge':
      return 'discharge';
    case 'ed':
      return 'ed';
    case 'admission':
      return 'hospital-initial';
    case 'progress':
      // An outpatient progress note is a follow-up: an established patient's office visit.
      return setting === 'inpatient' ? 'hospital-subsequent' : 'office-established';
    case 'consult':
      return setting === 'inpatient' ? 'inpatient-consult' : 'office-consult';
    case 'office':
      return 'office';
  }
}

function patientType(found: readonly Found[]): {
  type: 'new' | 'established';
  clear: boolean;
  hit?: Hit;
} {
  const score = { new: 0, established: 0 };
  const best: { new?: { hit: Hit; weight: number }; established?: { hit: Hit; weight: number } } =
    {};
  for (const { cue, hit } of found) {
    const type = cue.value === 'new' ? 'new' : 'established';
    score[type] += cue.weight;
    if ((best[type]?.weight ?? 0) < cue.weight) {
      best[type] = { hit, weight: cue.weight };
    }
  }
  if (score.new === score.established) {
    return { type: 'established', clear: false };
  }
  const type = score.new > score.established ? 'new' : 'established';
  const hit = best[type]?.hit;
  return { type, clear: Math.max(score.new, score.established) >= 2, ...(hit ? { hit } : {}) };
}
