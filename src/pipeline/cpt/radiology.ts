import type { CptEntry } from '../../codes/cpt/cpt-types.js';

/** The facets of an imaging exam read from its title and technique. */
export interface ExamFacets {
  readonly modality: string;
  readonly region: string;
  readonly contrast?: 'none' | 'with' | 'without-with';
  readonly views?: number;
  readonly extent?: 'complete' | 'limited';
  readonly laterality?: 'RT' | 'LT' | 'bilateral';
  /** How the probe reached the organ, when the title says ("transvaginal"). */
  readonly approach?: 'transvaginal';
  /** A screening exam (mammogram, low-dose lung CT) rather than a diagnostic one. */
  readonly screening?: boolean;
  /** How the contrast was learned: the title, the technique text, or a default. */
  readonly contrastFrom: 'title' | 'text' | 'default' | 'n/a';
}

const MODALITIES: readonly [RegExp, string][] = [
  [/\bcta\b|\bct angio|computed tomograph\w* angio|angiogra\w* ct\b/, 'cta'],
  [/\bmra\b|\bmr angio|magnetic resonance angio/, 'mra'],
  [/\bduplex\b|\bdoppler\b/, 'duplex'],
  [/\bmammogra/, 'mammo'],
  [/\bdexa\b|\bdxa\b|bone densit/, 'dxa'],
  [/transesophageal echo|\btee\b/, 'tee'],
  [/stress echo|dobutamine echo|exercise echo/, 'stress-echo'],
  [/\bechocardiogra|\btte\b/, 'echo'],
  [/\bct\b|computed tomograph|\bcat scan/, 'ct'],
  [/\bmri\b|\bmr\b|magnetic resonance/, 'mr'],
  [/\bultrasound|\bsonogra|\bus\b|\bultrasonograph/, 'us'],
  [
    /\bx-?rays?\b|\bradiograph|\bxr\b|\bfilms?\b|\bviews?\b|\bseries\b|\bportable\b|\bpa\b|\bap\b|\blateral\b|\bfrontal\b/,
    'xr',
  ],
];

/** Words of a plain film's title that an operation's title ("knee arthroscopy, lateral release") lacks. */
const PLAIN_FILM_NAMED = /\bx-?rays?\b|\bradiograph|\bxr\b|\bfilms?\b|\bviews?\b/;
/** The same, or a "series" (a plain-film series: "right foot series"). */
const PLAIN_FILM = new RegExp(`${PLAIN_FILM_NAMED.source}|\\bseries\\b`);
/** Words that make a title an operation's or a procedure's, not an imaging exam's. */
const OPERATION =
  /arthroscop|ectomy|otomy|ostomy|plasty|pexy|repair|release|injection|biopsy|excision|reduction|fixation|insertion|placement|removal|prepped|draped/;

/**
 * Words of a guided procedure, of a device put in or of the story, never of an exam's title
 * ("ultrasound-guided placement", "insertion of the transesophageal echo probe").
 */
const GUIDED = /guided|guidance|\bthe patient\b|\bprepped\b|\bdraped\b|\binsertion\b|\bplacement\b/;

/** Region words, most specific first; the value names the lexicon's region. */
const REGIONS: readonly [RegExp, string][] = [
  [
    /abdomen (and|&|\/) pelvis|abd(omen)?\s*\/\s*pelvis|abdominopelvic|abdomen-pelvis|\ba\/p\b|pelvis\b.{0,40}\babdomen|abdomen\b.{0,40}\bpelvis/,
    'abdomen-pelvis',
  ],
  [
    /cervical spine|c-spine|\bc spine|cervical (spinal )?cord|spinal cord,? cervical/,
    'cervical-spine',
  ],
  [/thoracolumbar/, 'thoracolumbar'],
  [/thoracic spine|t-spine|\bt spine/, 'thoracic-spine'],
  [/sacroiliac|\bsi joints?\b/, 'si-joints'],
  [/lumbar|lumbosacral|l-spine|\bl spine/, 'lumbar-spine'],
  [/\bsacrum\b|\bcoccyx\b|\bsacral\b/, 'sacrum'],
  [/carotid/, 'carotid'],
  // Coronary arteries are the heart's, not a limb's ("coronary artery CTA").
  [/coronary/, 'heart'],
  [/\bveins?\b|venous/, 'extremity-veins'],
  [/arter(y|ies|ial)/, 'leg-arteries'],
  [/orbits?\b|sella|temporal bone|internal auditory/, 'orbit'],
  // Plain films name the bones of the face apart; CT and MRI code them all as the face (XR_ONLY).
  [/mandib|\bjaw\b/, 'mandible'],
  [/nasal bones?/, 'nasal-bones'],
  [/paranasal|\bsinus(es)?\b/, 'sinuses'],
  [/maxillofacial|facial bones?/, 'facial-bones'],
  [/\bface\b/, 'face'],
  [/thyroid|parotid|soft tissues? (of the )?neck|\bneck\b/, 'neck'],
  [/\bskull\b/, 'skull'],
  [/\bhead\b|\bbrain\b|cranial/, 'head'],
  [/\bribs?\b/, 'ribs'],
  [/\bstern(um|al)\b/, 'sternum'],
  [/clavic/, 'clavicle'],
  [/scapula/, 'scapula'],
  [/\bchest\b|thorax|\blungs?\b|pulmonary/, 'chest'],
  [/renal|kidneys?|retroperitone|aorta/, 'retroperitoneum'],
  [/scrot|testic/, 'scrotum'],
  [/breast/, 'breast'],
  [/\bheart\b|cardiac|echocardiogra/, 'heart'],
  [/obstetric|fetal|pregnan|gestation/, 'pregnant-uterus'],
  [/abdomen|abdominal|\babd\b|\bkub\b|right upper quadrant|\bruq\b|liver|gallbladder/, 'abdomen'],
  [/pelvis|pelvic|bladder|uterus|ovar/, 'pelvis'],
  [/shoulder/, 'shoulder'],
  [/elbow/, 'elbow'],
  [/forearm/, 'forearm'],
  [/wrist/, 'wrist'],
  [/\bhand\b/, 'hand'],
  [/finger|thumb/, 'finger'],
  [/\bhip\b/, 'hip'],
  [/femur|thigh/, 'femur'],
  [/\bknee\b/, 'knee'],
  [/tibia|fibula|lower leg|\btib\b/, 'lower-leg'],
  [/ankle/, 'ankle'],
  [/calcane|heel/, 'calcaneus'],
  [/\bfoot\b|\bfeet\b/, 'foot'],
  [/\btoes?\b/, 'toe'],
  [/humerus|upper arm/, 'upper-arm'],
  // Scheduling-system titles name a limb without its part ("MRI/LOW EX NOT JNT RT").
  [/\blow(er)?[\s-]*ext?(remit(y|ies))?\b/, 'lower-extremity'],
  [/\bup(per)?[\s-]*ext?(remit(y|ies))?\b/, 'upper-extremity'],
];

/** A limb title's joint words ("LOW EXT JNT"), not its denial ("NOT JNT", "non-joint"). */
const JOINT_WORD = /\bj(oi)?nt\b/;
const NOT_JOINT = /\b(not|non)[\s-]*j(oi)?nt\b/;

/**
 * Regions only plain films code apart, as the region of the other modalities' codes: a CT of the skull is
 * a head CT, of the ribs a chest CT, of the sacroiliac joints a pelvis CT.
 */
const XR_ONLY: Readonly<Record<string, string>> = {
  skull: 'head',
  mandible: 'face',
  'nasal-bones': 'face',
  sinuses: 'face',
  'facial-bones': 'face',
  ribs: 'chest',
  sternum: 'chest',
  clavicle: 'shoulder',
  scapula: 'shoulder',
  'si-joints': 'pelvis',
  sacrum: 'pelvis',
  thoracolumbar: 'thoracic-spine',
};

/** Regions a modality implies when the title names none (a mammogram is of the breasts). */
const DEFAULT_REGION: Readonly<Record<string, string>> = { mammo: 'breast', dxa: 'axial' };
/** Regions whose ultrasound is a vessel (duplex) study. */
const VESSELS = new Set(['carotid', 'extremity-veins', 'leg-arteries']);
const UPPER = new Set(['shoulder', 'elbow', 'forearm', 'wrist', 'hand', 'finger', 'upper-arm']);
const LOWER = new Set(['hip', 'femur', 'knee', 'lower-leg', 'ankle', 'calcaneus', 'foot', 'toe']);
const JOINTS = new Set(['shoulder', 'elbow', 'wrist', 'hip', 'knee', 'ankle']);
const NUMBERS: Readonly<Record<string, number>> = {
  one: 1,
  single: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
};

function contrastOf(text: string): ExamFacets['contrast'] {
  if (
    /without and with|w\/?o and w\b|w\/wo|wo\/w|w\s*&\s*wo\b|wo\s*&\s*w\b|before and after|pre-? and post-?contrast|with and without/.test(
      text,
    )
  ) {
    return 'without-with';
  }
  if (
    /without (iv |intravenous )?(contrast|gadolinium)|w\/o contrast|non-?contrast|unenhanced|no (iv |intravenous )?(contrast|gadolinium)/.test(
      text,
    )
  ) {
    return 'none';
  }
  if (
    /with (iv |intravenous |oral and iv )?contrast|contrast[- ]enhanced|w\/ ?contrast|post-?contrast|following (the )?(intravenous|iv) (administration|injection)|contrast (was )?(administered|given) intravenously|(intravenous|iv) contrast (was )?(administered|given)|intravenously|administration of [^.;]{0,40}\bcontrast\b|\b(optiray|omnipaque|isovue|visipaque|ultravist|gadolinium|magnevist|omniscan|multihance|prohance|gadavist|dotarem|eovist)\b/.test(
      text,
    )
  ) {
    return 'with';
  }
  return undefined;
}

function viewsOf(title: string): number | undefined {
  const explicit =
    /\b(\d|one|single|two|three|four|five|six)[- ]?(views?|v|images?|projections?)\b/.exec(title);
  if (explicit?.[1] !== undefined) {
    return NUMBERS[explicit[1]] ?? Number(explicit[1]);
  }
  const named = new Set<string>();
  for (const m of title.matchAll(
    /\b(pa|ap|frontal|lateral|lat|oblique|decubitus|lordotic|supine|upright|xxxx|swimmer'?s?|odontoid|mortise|sunrise|merchant|tunnel|flexion|extension|waters|caldwell|towne'?s?)\b/g,
  )) {
    const v =
      m[1] === 'supine' || m[1] === 'upright' || m[1] === 'frontal' || m[1] === 'xxxx'
        ? 'ap'
        : (m[1] ?? '');
    named.add(v === 'pa' ? 'ap' : v === 'lat' ? 'lateral' : v);
  }
  if (named.size > 0) {
    return named.size;
  }
  return /\bportable\b/.test(title) ? 1 : undefined;
}

/**
 * The view count the report's text states when its title gives none ("Right foot series." … "Three
 * images of the right foot were obtained"): the first count of views, images or projections near the top.
 */
function viewsSaid(body: string): number | undefined {
  const opening = body.slice(0, 600).toLowerCase();
  const said =
    /\b(\d|one|single|two|three|four|five|six)\s+(?:[a-z-]+\s+)?(?:views?|images?|projections?|radiographs?)\b/.exec(
      opening,
    );
  if (said?.[1] !== undefined) {
    return NUMBERS[said[1]] ?? Number(said[1]);
  }
  // Views named in the sentence that names them so ("examined in the AP, lateral and swimmer's
  // projections").
  const named = /[^.\n]*\b(?:views|projections)\b/.exec(opening);
  return named === null ? undefined : viewsOf(named[0]);
}

/** Landmarks a scan's extent runs between, top to bottom: 0 skull base, 1 thoracic inlet, 2 diaphragm, 3 iliac crests, 4 symphysis. */
const LANDMARKS: readonly [RegExp, number][] = [
  [/base of (the )?(skull|brain)|skull base|\bvertex\b|\bskull\b/, 0],
  [/thoracic inlet|lung apices|\bapices\b|clavicles?|aortic arch|base of (the )?neck/, 1],
  [/upper abdomen|adrenals?|lung bases|diaphragm|costophrenic|\bliver\b|dome/, 2],
  [/iliac crests?|\bkidneys?\b/, 3],
  [/symphysis|\bpubis\b|ischial|pelvic floor|perineum|trochanters?/, 4],
];
/** The region a scan covers from one landmark to another; several regions are several exams (none here). */
const EXTENTS: Readonly<Record<string, string>> = {
  '0-1': 'neck',
  '0-2': 'chest',
  '1-2': 'chest',
  '2-3': 'abdomen',
  '2-4': 'abdomen-pelvis',
  '3-4': 'pelvis',
};

/**
 * The region of a cross-sectional scan its technique gives as an extent ("axial images from the base of
 * the brain to the thoracic inlet": the neck; "from the lung bases to the pubic symphysis": abdomen and
 * pelvis), or undefined.
 */
function extentRegion(t: string): string | undefined {
  const m =
    /\bfrom (?:the )?([a-z ]{3,40}?) (?:to|through) (?:the )?([a-z ]{3,40}?)(?=\s+(?:following|after|with|without|using|before|during|and|in)\b|[.,;]|$)/.exec(
      t,
    );
  if (m?.[1] === undefined || m[2] === undefined) {
    return undefined;
  }
  const at = (words: string): number | undefined => LANDMARKS.find(([re]) => re.test(words))?.[1];
  const from = at(m[1]);
  const to = at(m[2]);
  return from === undefined || to === undefined ? undefined : EXTENTS[`${from}-${to}`];
}

/** The exam's region as its modality's codes name it (a CT of the knee is of the lower extremity). */
function regionOf(modality: string, t: string): string | undefined {
  const extent = modality === 'ct' || modality === 'mr' ? extentRegion(t) : undefined;
  const named =
    modality === 'tee'
      ? 'heart'
      : (extent ??
        REGIONS.find(([re]) => re.test(t))?.[1] ??
        DEFAULT_REGION[modality] ??
        // A transvaginal scan is of the pelvis ("EXAM: Transvaginal ultrasound").
        (/transvaginal|endovaginal/.test(t) ? 'pelvis' : undefined));
  if (named === undefined) {
    return undefined;
  }
  let region = modality === 'xr' ? named : (XR_ONLY[named] ?? named);
  if (modality === 'ct' || modality === 'cta') {
    region = UPPER.has(region)
      ? 'upper-extremity'
      : LOWER.has(region) && region !== 'hip'
        ? 'lower-extremity'
        : region === 'hip'
          ? 'lower-extremity'
          : region;
  } else if (
    modality === 'mr' &&
    (region === 'lower-extremity' || region === 'upper-extremity') &&
    JOINT_WORD.test(t) &&
    !NOT_JOINT.test(t)
  ) {
    region = region === 'lower-extremity' ? 'lower-joint' : 'upper-joint';
  } else if (modality === 'mr') {
    region = JOINTS.has(region)
      ? UPPER.has(region)
        ? 'upper-joint'
        : 'lower-joint'
      : UPPER.has(region)
        ? 'upper-extremity'
        : LOWER.has(region)
          ? 'lower-extremity'
          : region;
  } else if (
    modality === 'us' &&
    (UPPER.has(region) ||
      LOWER.has(region) ||
      region === 'lower-extremity' ||
      region === 'upper-extremity')
  ) {
    region = 'extremity';
  }
  return region;
}

/** Words of a plain film's own report: its views, projections or radiographs. */
const PLAIN_FILM_BODY = /\bviews?\b|\bprojections?\b|\bradiograph\w*|\bfilms?\b|\bx-?rays?\b/;
/** The cross-sectional and sound modalities a report's opening may name, and other studies' words. */
const BODY_MODALITIES: readonly [RegExp, string][] = [
  [/\bct\b|\bcat scan|computed tomograph/, 'ct'],
  [/\bmri?\b|magnetic resonance/, 'mr'],
  [/ultraso|sonogra/, 'us'],
  [/\bdoppler\b|\bduplex\b|echocardiogra|nuclear|scintigra|\bpet\b|angiogra|fluorosc/, 'other'],
];

/**
 * The modality of a labelled exam line that names a region and none ("EXAM: Thoracic spine."), from
 * the report's opening: the one cross-sectional or sound modality it names, else a plain film when it
 * speaks of views, projections or radiographs and of no other modality.
 */
function bodyModality(body: string): string | undefined {
  const opening = body.slice(0, 500).toLowerCase();
  const named = BODY_MODALITIES.filter(([re]) => re.test(opening)).map(([, m]) => m);
  if (named.length === 1 && named[0] !== 'other') {
    return named[0];
  }
  return named.length === 0 && PLAIN_FILM_BODY.test(opening) ? 'xr' : undefined;
}

/**
 * Reads an imaging exam's modality, region, contrast, views, extent and side from its title (the
 * first line, or the line after "EXAM:"), with the technique text as a fallback for contrast.
 * @param title - the exam title line
 * @param body - the rest of the report
 * @param labelled - the title follows "EXAM:": one naming a region only takes its modality from the
 *   report's opening (`bodyModality`)
 */
export function examFacets(title: string, body: string, labelled = false): ExamFacets | undefined {
  const t = title.toLowerCase();
  const modality =
    MODALITIES.find(([re]) => re.test(t))?.[1] ??
    // One region named, its modality in the report's opening.
    (labelled && REGIONS.filter(([re]) => re.test(t)).length === 1
      ? bodyModality(body)
      : undefined);
  if (
    modality === undefined ||
    GUIDED.test(t) ||
    (modality === 'xr' && OPERATION.test(t) && !PLAIN_FILM.test(t))
  ) {
    return undefined;
  }
  let region = regionOf(modality, t);
  if (region === undefined) {
    return undefined;
  }
  // An abdominal "series" is the acute abdomen series, a code of its own (its lexicon words find it).
  if (
    region === 'abdomen' &&
    modality === 'xr' &&
    /\bseries\b/.test(t) &&
    !PLAIN_FILM_NAMED.test(t)
  ) {
    return undefined;
  }
  if (modality === 'mr' && (region === 'orbit' || region === 'face')) {
    region = 'neck';
  }
  // A vessel study by ultrasound is a duplex scan ("ultrasound carotid, bilateral").
  const kind = modality === 'us' && VESSELS.has(region) ? 'duplex' : modality;
  const fromTitle = contrastOf(t);
  const fromText = fromTitle === undefined ? contrastOf(body.toLowerCase()) : undefined;
  const needsContrast = modality === 'ct' || modality === 'mr' || modality === 'mra';
  const laterality = /\bbilateral|both\b/.test(t)
    ? 'bilateral'
    : /\bright\b|\brt\b/.test(t)
      ? 'RT'
      : /\bleft\b|\blt\b/.test(t)
        ? 'LT'
        : undefined;
  const views = modality === 'xr' ? (viewsOf(t) ?? viewsSaid(body)) : undefined;
  return {
    modality: kind === 'echo' ? 'us' : kind,
    ...(/transvaginal|endovaginal/.test(t) ? { approach: 'transvaginal' as const } : {}),
    ...(/screening/.test(t) ? { screening: true } : {}),
    region,
    ...(needsContrast
      ? { contrast: fromTitle ?? fromText ?? 'none' }
      : modality === 'cta'
        ? { contrast: 'with' as const }
        : {}),
    ...(views === undefined ? {} : { views }),
    extent: /\blimited\b|\bfocused\b|\btargeted\b/.test(t) ? 'limited' : 'complete',
    ...(laterality === undefined ? {} : { laterality }),
    contrastFrom: !needsContrast
      ? 'n/a'
      : fromTitle !== undefined
        ? 'title'
        : fromText !== undefined
          ? 'text'
          : 'default',
  };
}

function viewsFit(range: string | undefined, views: number | undefined): boolean {
  if (range === undefined || views === undefined) {
    return true;
  }
  if (range.endsWith('+')) {
    return views >= Number(range.slice(0, -1));
  }
  const [lo = '0', hi = lo] = range.split('-');
  return views >= Number(lo) && views <= Number(hi);
}

/** The lexicon's radiology code for an exam's facets, or undefined when none fits. */
export function radiologyCode(entries: readonly CptEntry[], f: ExamFacets): CptEntry | undefined {
  const fits = entries.filter((e) => {
    const a = e.attributes;
    if (
      a.modality !== f.modality ||
      (a.region !== undefined && a.region !== f.region) ||
      (a.purpose === 'screening') !== (f.screening === true) ||
      a.approach !== f.approach
    ) {
      return false;
    }
    if (a.contrast !== undefined && f.contrast !== undefined && a.contrast !== f.contrast) {
      return false;
    }
    // A duplex code for "one side or a limited study" is the one-side study's, complete or not.
    const oneSide = f.laterality === 'RT' || f.laterality === 'LT';
    if (
      a.extent !== undefined &&
      a.extent !== f.extent &&
      !(f.modality === 'duplex' && oneSide && a.laterality === 'yes')
    ) {
      return false;
    }
    if (
      a.bilateral === 'yes' &&
      f.laterality !== undefined &&
      f.laterality !== 'bilateral' &&
      !(f.modality === 'duplex' && f.region === 'carotid')
    ) {
      return false;
    }
    return viewsFit(a.views, f.views);
  });
  // Both sides (a mammogram unless one side is named): the bilateral code before the one-side one.
  if (f.laterality === 'bilateral' || (f.laterality === undefined && f.modality === 'mammo')) {
    return fits.find((e) => e.attributes.bilateral === 'yes') ?? fits[0];
  }
  // No view count written: the two-view study is the usual one.
  if (f.modality === 'xr' && f.views === undefined) {
    return fits.find((e) => viewsFit(e.attributes.views, 2)) ?? fits[0];
  }
  return fits[0];
}
