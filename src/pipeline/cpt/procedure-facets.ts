import type { CptEntry } from '../../codes/cpt/cpt-types.js';
import { NUMBER_WORDS } from '../../text/number-words.js';

/**
 * What a procedure's words say beyond its name, read from the text around it: the summed length of the
 * wounds repaired, the excised diameter (lesion plus margins), how many muscles or lesions were treated,
 * where on the body, how complex the repair, which joint and whether ultrasound guided the needle.
 */
export interface ProcedureFacets {
  length?: number;
  size?: number;
  count?: number;
  site?: string;
  complexity?: string;
  joint?: string;
  guidance?: string;
  behavior?: string;
  /** `deep` when the words put the service below the skin or in a body cavity, the mouth, a joint. */
  tissue?: string;
  /** The spine's region an injection enters: `lumbar` (with sacral and caudal) or `cervical` (with thoracic). */
  spine?: string;
  /** How spinal instrumentation is placed: `anterior` (plates) or `posterior` (pedicle screws, rods). */
  approach?: string;
  /** Minutes of a service coded by its time (tobacco cessation counselling). */
  minutes?: number;
}

/**
 * Words of posterior instrumentation (pedicle screws, rods, lateral mass screws, a posterior construct —
 * not the anatomy: "posterior osteophytes", "the posterior longitudinal ligament")…
 */
const POSTERIOR =
  /\bposterior(?:ly)? (?:(?:spinal|segmental|lumbar|cervical|thoracic) )?(?:instrument|fixation|fusion|arthrodesis|approach|construct|screw|rod)|\bpedicle|\brods?\b|\blateral mass/;
/** … and of anterior instrumentation (a plate on the vertebral bodies). */
const ANTERIOR =
  /\banterior(?:ly)? (?:(?:spinal|cervical|lumbar|thoracic|locking) )?(?:instrument|fixation|fusion|arthrodesis|approach|construct|plat)|\bplat(?:e|es|ing)\b/;
/** Hardware taken out or revised, not placed: other codes (removal, reinsertion). */
const HARDWARE_OUT =
  /\b(?:remov|extract)\w*(?: of)?(?: the)?(?: [\w-]+){0,3} (?:hardware|instrumentation|screws?|rods?|plates?|implants?)\b|\bexplant|\b(?:hardware|instrumentation|screws?|rods?|plates?) (?:was|were) removed/;

/** Region words and vertebral levels ("L5-S1", "C6-7", "T11") of the lumbar and sacral spine. */
const LUMBAR = /\b(?:lumbar|lumbosacral|sacral|caudal)\b|\b[ls][1-5]\b/;
/** … and of the cervical and thoracic spine. */
const CERVICAL = /\b(?:cervical|thoracic|cervicothoracic)\b|\b(?:c[1-8]|t(?:1[0-2]|[1-9]))\b/;
/** A transforaminal injection or nerve root block: its own codes (by level), no interlaminar member. */
const TRANSFORAMINAL = /transforaminal|\bforamin|selective nerve root/;

/**
 * The spinal region an epidural injection's words name, by whichever is named first; `transforaminal`
 * when the injection goes through the foramen (no member of the interlaminar family fits).
 */
function spineRegion(text: string): string | undefined {
  if (TRANSFORAMINAL.test(text)) {
    return 'transforaminal';
  }
  const lumbar = LUMBAR.exec(text)?.index ?? Infinity;
  const cervical = CERVICAL.exec(text)?.index ?? Infinity;
  if (lumbar === Infinity && cervical === Infinity) {
    return undefined;
  }
  return lumbar <= cervical ? 'lumbar' : 'cervical';
}

/** Thoracic region words and levels ("T4", "T11-T12"). */
const THORACIC = /\bthoracic\b|\bt(?:1[0-2]|[1-9])\b/;
/** A fusion for a curve (scoliosis, kyphosis): the deformity codes, not a posterior fusion by region. */
const DEFORMITY = /\b(?:scoliosis|scoliotic|kyphosis|kyphotic|deformity|curves?|curvature)\b/;

/**
 * The region of a posterior or posterolateral fusion by the region word or level named first
 * (`deformity` for a curve's fusion, which no member fits).
 */
function fusionRegion(text: string): string | undefined {
  if (DEFORMITY.test(text)) {
    return 'deformity';
  }
  const first = (re: RegExp): number => re.exec(text)?.index ?? Infinity;
  const cervical = first(/\bcervical\b|\bc[1-8]\b/);
  const thoracic = first(THORACIC);
  const lumbar = first(LUMBAR);
  const least = Math.min(cervical, thoracic, lumbar);
  if (least === Infinity) {
    return undefined;
  }
  return least === cervical ? 'cervical' : least === thoracic ? 'thoracic' : 'lumbar';
}

/** Body-site words → the site names the lexicon's `site` attribute lists. */
const SITES: readonly [RegExp, string][] = [
  [/\beyelids?\b|\b(upper|lower) lid\b|\bpalpebral|\bcanth/, 'eyelid'],
  [/\bnose\b|\bnasal\b|\bala\b/, 'nose'],
  [/\bears?\b|\bauricle|\bpinna|\bhelix/, 'ear'],
  [/\blips?\b|\bvermilion/, 'lip'],
  [/\bmucosa|\bmucous membrane|\bbuccal|\bintraoral/, 'mucosa'],
  [/\bface\b|\bfacial\b|\bforehead|\bcheek|\bchin\b|\beyebrow|\btemple\b|\bjaw\b|\bmalar/, 'face'],
  [/\bscalp\b|\boccipit|\bparietal/, 'scalp'],
  [/\bneck\b/, 'neck'],
  [/\baxilla/, 'axilla'],
  [/\bgenital|\bscrot|\bpenis|\bpenile|\bvulva|\blabia/, 'genitalia'],
  [/\bhands?\b|\bfingers?\b|\bthumb|\bpalm|\bknuckle|\bdigit/, 'hand'],
  [/\bfoot\b|\bfeet\b|\btoes?\b|\bheel|\bsole\b|\bplantar/, 'foot'],
  [/\barm\b|\bforearm|\belbow|\bwrist|\bshoulder/, 'arm'],
  [/\bleg\b|\bthigh|\bknee|\bshin\b|\bcalf\b|\bankle/, 'leg'],
  [
    /\btrunk\b|\bchest\b|\bback\b|\babdomen|\babdominal|\bflank|\bbuttock|\bbreast|\bshoulder blade/,
    'trunk',
  ],
];

/** The body site named first in the text. */
function firstSite(text: string): string | undefined {
  let best: { at: number; site: string } | undefined;
  for (const [re, site] of SITES) {
    const m = re.exec(text);
    if (m !== null && (best === undefined || m.index < best.at)) {
      best = { at: m.index, site };
    }
  }
  return best?.site;
}

/**
 * A laceration that is not of the skin: of an organ (bladder, bowel, uterus, dura, liver, spleen) or one
 * of the birth canal at a delivery (perineal, vaginal, periurethral, cervical, by degree), which the
 * delivery or the operation includes or codes apart.
 */
const NOT_SKIN =
  /\b(perine\w*|vagin\w*|periurethral|sulcus|cervical laceration|(first|second|third|fourth|1st|2nd|3rd|4th)[- ]degree|bladder|bowel|colon|serosal|enterotomy|uter\w*|dura\w*|liver|spleen\w*|splenic)\b/;

/** Joint and bursa words → the lexicon's joint size. */
const JOINTS: readonly [RegExp, string][] = [
  [
    /\bknee|\bshoulder|\bhip\b|\bsubacromial|\bglenohumeral|\btrochanteric bursa|\bpes anserine/,
    'major',
  ],
  [/\bwrist|\belbow|\bankle|\bolecranon|\bacromioclavicular|\bac joint/, 'intermediate'],
  [
    /\bfinger|\btoe\b|\bmetacarpophalangeal|\binterphalangeal|\bmetatarsophalangeal|\bmcp\b|\bpip\b|\bdip\b|\bmtp\b|\btemporomandibular|\btmj\b|\bthumb/,
    'small',
  ],
];

const NUMBER = String.raw`(\d+(?:\.\d+)?|${Object.keys(NUMBER_WORDS).join('|')})`;

function toNumber(word: string): number {
  return NUMBER_WORDS[word] ?? Number(word);
}

/** Every length in the text, in centimetres ("2.5 cm", "15 mm", "3-cm"). */
function lengthsCm(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)[\s-]*(cm|mm|centimet\w*|millimet\w*)\b/g)) {
    const value = Number(m[1]);
    out.push(m[2]?.startsWith('m') === true ? value / 10 : value);
  }
  return out;
}

/** A statement of the visit's own time ("Total time spent today (…, counseling on smoking cessation): 45 minutes"). */
const VISIT_TIME = /\btotal (?:visit |encounter )?time\b|\btime (?:personally )?spent\b/;

/** Minutes stated: "5 minutes", "greater than 10 minutes", "3-5 min". */
const MINUTES = new RegExp(
  String.raw`\b(more than|greater than|over|>)?\s*${NUMBER}(?:\s*(?:-|to)\s*\d+)?\s*(?:minutes?|mins?)\b`,
);

/** Families of services coded by their minutes: without minutes stated, none is billable. */
export const TIMED_FAMILIES: ReadonlySet<string> = new Set(['tobacco-counsel']);

/**
 * The minutes a service took, in its sentence or the next: "counseled for 5 minutes", "spent 12 minutes on
 * cessation", "greater than 10 minutes" (11), "3-5 minutes" (the lower bound).
 */
function minutesOf(text: string): number | undefined {
  // The visit's total time lists what it was spent on: those minutes are the visit's.
  if (VISIT_TIME.test(text)) {
    return undefined;
  }
  const m = MINUTES.exec(text);
  if (m === null) {
    return undefined;
  }
  const n = toNumber(m[2] ?? '0');
  return m[1] === undefined ? n : n + 1;
}

/** How many were treated: "three trigger points", "injected into eight sites", "12 warts", "x3". */
function countOf(text: string): number | undefined {
  const counted = new RegExp(
    String.raw`\b${NUMBER}\s+(?:[a-z]+\s+)?(?:trigger points?|sites?|muscles?|areas?|lesions?|warts?|keratos[ie]s|injections?|locations?)\b|\bx\s?(\d+)\b`,
  ).exec(text);
  if (counted === null) {
    return undefined;
  }
  return toNumber(counted[1] ?? counted[2] ?? '1');
}

/** Muscles a trigger-point note names; a side's muscle is one muscle, both sides two. */
const MUSCLES =
  /\b(trapezius|rhomboids?|levator scapulae|supraspinatus|infraspinatus|teres (?:major|minor)|latissimus(?: dorsi)?|pectoralis(?: major| minor)?|deltoids?|sternocleidomastoids?|scalenes?|splenius(?: capitis| cervicis)?|semispinalis|suboccipitals?|(?:cervical |thoracic |lumbar )?paraspinals?|erector spinae|quadratus lumborum|gluteus (?:maximus|medius|minimus)|gluteals?|piriformis|iliopsoas|psoas|tensor fasciae? latae?|hamstrings?|gastrocnemius|masseters?|temporalis)\b/g;
/** Both sides named: each muscle counts twice. */
const BOTH_SIDES = /\bbilateral(?:ly)?\b|\bboth sides\b|\bright and left\b|\bleft and right\b/;

/**
 * How many muscles trigger points were found or injected in, by the muscles named ("trapezius and lumbar
 * paraspinal musculature bilaterally": four), undefined when none is named.
 */
export function muscleCount(text: string): number | undefined {
  // "Cervical and lumbar paraspinals": a paraspinal muscle of each region.
  const spread = text.replace(
    /\b((?:(?:cervical|thoracic|lumbar)(?:,? and |, |\/))+)(cervical|thoracic|lumbar) paraspinal/g,
    (_, regions: string, last: string) =>
      `${[...regions.matchAll(/cervical|thoracic|lumbar/g)].map((r) => `${r[0]} paraspinal`).join(' and ')} and ${last} paraspinal`,
  );
  const named = new Set(
    [...spread.matchAll(MUSCLES)].map((m) =>
      (m[1] ?? '').replace(/s$/, '').replace(/^(cervical|thoracic|lumbar) /, '$1-'),
    ),
  );
  if (named.size === 0) {
    return undefined;
  }
  return BOTH_SIDES.test(text) ? named.size * 2 : named.size;
}

/**
 * How many nails were treated: "10 nails", "six toenails", "nails x 8", "all ten toenails", "nails, seven in
 * number"; "all nails" is ten.
 */
function nailCount(text: string): number | undefined {
  const counted = new RegExp(
    String.raw`\b${NUMBER}\s+(?:[a-z]+\s+){0,2}?(?:toe|finger)?nails?\b|\bnails?\s*(?:x|times)\s*(\d+)\b|\b(?:toe|finger)?nails?\b[^.]{0,30}?\b${NUMBER} in (?:number|total)\b`,
  ).exec(text);
  if (counted !== null) {
    return toNumber(counted[1] ?? counted[2] ?? counted[3] ?? '1');
  }
  return /\ball (?:of (?:the|her|his) )?(?:toe|finger)?nails\b/.test(text) ? 10 : undefined;
}

/** A bladder tumor's size in centimetres, else the size word of its resection's title ("medium"). */
function tumorSize(text: string): number | undefined {
  const sizes = lengthsCm(text);
  if (sizes.length > 0) {
    return Math.max(...sizes);
  }
  const word = /\b(small|medium|large)\b/.exec(text)?.[1];
  return word === undefined ? undefined : { small: 1, medium: 3, large: 6 }[word];
}

/** The excised diameter: the largest lesion size plus two margins when a margin is given. */
function excisedSize(text: string): number | undefined {
  const margins = /margins? of[^.]*|(\d+(?:\.\d+)?)\s*(cm|mm)\s+(?:\w+\s+)?margins?/g;
  const sizes = lengthsCm(text.replace(margins, ''));
  const margin =
    /margins? of\s+(\d+(?:\.\d+)?)\s*(cm|mm)|(\d+(?:\.\d+)?)\s*(cm|mm)\s+(?:\w+\s+)?margins?/.exec(
      text,
    );
  if (sizes.length === 0) {
    return undefined;
  }
  const lesion = Math.max(...sizes);
  const m =
    margin === null
      ? 0
      : Number(margin[1] ?? margin[3]) / ((margin[2] ?? margin[4]) === 'mm' ? 10 : 1);
  return lesion + 2 * m;
}

/** A vertebra's place in one numbering of the whole spine (C1 = 1 … C7 = 7, T1 = 8 … L1 = 20 … S1 = 25). */
const SPINE_BASE: Readonly<Record<string, number>> = { c: 0, t: 7, l: 19, s: 24 };

function vertebra(region: string, n: string): number | undefined {
  const base = SPINE_BASE[region];
  const k = Number(n);
  return base === undefined || !(k >= 1 && k <= 12) ? undefined : base + k;
}

/** Level-count words: "two-level", "3 level". */
const LEVEL_WORDS = new RegExp(String.raw`\b${NUMBER}[- ]levels?\b`);

/**
 * How many spinal interspaces the text names: each pair of adjacent vertebrae ("C5-C6", "C5-6",
 * "L5-S1") once, a span ("C4 to C7", "C5-C7", "T3 through L5") as every interspace in it, or a count
 * ("two-level"); undefined when it names none.
 */
export function interspaceCount(text: string): number | undefined {
  const spaces = new Set<number>();
  const span = /\b([ctls])(\d{1,2})\s*(?:-|–|to|through|thru)\s*([ctls])?(\d{1,2})\b/g;
  for (const m of text.matchAll(span)) {
    const from = vertebra(m[1] ?? '', m[2] ?? '');
    const to = vertebra(m[3] ?? m[1] ?? '', m[4] ?? '');
    if (from === undefined || to === undefined || to <= from || to - from > 20) {
      continue;
    }
    for (let v = from; v < to; v++) {
      spaces.add(v);
    }
  }
  if (spaces.size > 0) {
    return spaces.size;
  }
  const words = LEVEL_WORDS.exec(text);
  return words?.[1] === undefined ? undefined : toNumber(words[1]);
}

/**
 * Where an incision and drainage is not of the skin and the tissue under it: the mouth and dental
 * spaces, the deep neck spaces, a body cavity or organ, the anal region, the genitals, the breast, the
 * ear, a joint, bursa, tendon sheath, muscle or bone, an implant, a foreign body's track, a wound that
 * needs extensive debridement. Each has its own code.
 */
/** Words of what an abscess drainage opens: an abscess, a cyst, a boil, pus. */
const PUS =
  /abscess|\bcyst|furunc|carbunc|\bboils?\b|paronychi|\bfelon|pustul|hidradenitis|purulen|\bpus\b|fluctuan|pilonidal|infected/;

const DEEP_SITE =
  /\bintraoral|\boral\b|\bmouth\b|\bvestibul|\bbuccal space|\bmasticator|\bsubmandibular space|\bsubmental space|\bparapharyngeal|\bperitonsillar|\bretropharyngeal|\bdeep neck|\bneck spaces?\b|\bfacial spaces?\b|\bdental|\bdentoalveolar|\btooth|\bteeth\b|\bgingiv|\bpalat|\bperitone|\bintra-?abdominal|\bpelvic abscess|\bsubphrenic|\bhepatic|\bliver\b|\bperirectal|\bperianal|\bischiorectal|\bscrot|\bpeno|\bpenile|\bpenis\b|\btestic|\bforeign body|\bextensive debridement|\bbartholin|\bvulva|\bbreast|\bears?\b|\bauric|\bpinna|\bseptal|\bjoint|\bbursa|\bolecranon|\bprepatellar|\btendon sheath|\bfascia|\bmuscle|\bbone\b|\bosteomyel|\bhardware|\bprosthe|\bempyema|\bpleural|\bmediastin|\bpsoas|\bdeep space/;

/**
 * The spine's facets: the region an interlaminar epidural injection enters; the approach of spinal
 * instrumentation and the vertebral segments it spans.
 */
function spineFacets(family: string, text: string, f: ProcedureFacets): void {
  if (family === 'levels-posterior') {
    const region = fusionRegion(text);
    if (region !== undefined) {
      f.spine = region;
    }
  }
  if (family === 'epidural') {
    const spine = spineRegion(text);
    if (spine !== undefined) {
      f.spine = spine;
    }
  }
  if (family === 'instrumentation') {
    // The approach named first: "anterior cervical plate … back to the posterior longitudinal ligament".
    const posterior = POSTERIOR.exec(text)?.index ?? Infinity;
    const anterior = ANTERIOR.exec(text)?.index ?? Infinity;
    const approach = HARDWARE_OUT.test(text)
      ? 'removal'
      : posterior === anterior
        ? undefined
        : posterior < anterior
          ? 'posterior'
          : 'anterior';
    if (approach !== undefined) {
      f.approach = approach;
    }
    // Vertebral segments spanned: one more than the interspaces ("L4 to S1" spans three).
    const spaces = interspaceCount(text);
    if (spaces !== undefined) {
      f.count = spaces + 1;
    }
  }
}

/**
 * Reads a procedure family's facets from the text around its mention (lower case).
 * @param family - the lexicon's `family` attribute (repair, excision, joint, trigger-point, destruction,
 *   levels-…: a spinal procedure counted by interspace; abscess-…: an incision and drainage by tissue; nails: nail debridement by count;
 *   bladder-tumor: a transurethral resection by the tumor's size)
 * @param text - the words around the procedure
 */
export function readFacets(family: string, text: string): ProcedureFacets {
  const f: ProcedureFacets = {};
  const site = firstSite(text);
  if (site !== undefined) {
    f.site = site;
  }
  if (family === 'repair') {
    // A laceration of an organ or of the birth canal is no wound of the skin: no repair member fits.
    if (NOT_SKIN.test(text)) {
      f.site = 'not-skin';
    }
    const lengths = lengthsCm(text);
    if (lengths.length > 0) {
      f.length = lengths.reduce((a, b) => a + b, 0);
    }
    if (
      /\bcomplex (repair|closure|laceration)|\bdebridement and (extensive|retention)|\bretention sutures/.test(
        text,
      )
    ) {
      f.complexity = 'complex';
    } else if (
      /\blayered|\bintermediate|\bdeep sutures|\bsubcutaneous (sutures|closure|layer)|\btwo[- ]layer|\bdermal sutures|\bdeep dermal/.test(
        text,
      )
    ) {
      f.complexity = 'intermediate';
    } else if (/\bsimple (repair|closure|laceration|interrupted)|\bsingle[- ]layer/.test(text)) {
      f.complexity = 'simple';
    }
  }
  const tumor = family === 'bladder-tumor' ? tumorSize(text) : undefined;
  if (tumor !== undefined) {
    f.size = tumor;
  }
  if (family === 'excision') {
    const size = excisedSize(text);
    if (size !== undefined) {
      f.size = size;
    }
    if (/carcinoma|melanoma|malignan/.test(text) && !/rule out|r\/o|versus|vs\.?\s/.test(text)) {
      f.behavior = 'malignant';
    }
  }
  if (family === 'joint') {
    // A spinal facet, sacroiliac or epidural injection is no joint of the extremities: no member fits.
    const joint = /facet|sacroiliac|\bsi joint|epidural|medial branch|\brami\b|foramin/.test(text)
      ? 'spinal'
      : JOINTS.find(([re]) => re.test(text))?.[1];
    if (joint !== undefined) {
      f.joint = joint;
    }
    if (/ultrasound[- ]guid|under ultrasound|sonographic guidance|ultrasound guidance/.test(text)) {
      f.guidance = 'ultrasound';
    }
  }
  spineFacets(family, text, f);
  if (family.startsWith('abscess') && DEEP_SITE.test(text)) {
    f.tissue = 'deep';
  } else if (family.startsWith('abscess') && !PUS.test(text)) {
    // An incision and drainage with no abscess, cyst or pus around it ("I&D of scalp lacerations",
    // a hematoma) is no abscess drainage: no member fits.
    f.tissue = 'no-abscess';
  }
  countFacets(family, text, f);
  return f;
}

/** The counted and timed facets: interspaces, nails, trigger points or lesions, minutes. */
function countFacets(family: string, text: string, f: ProcedureFacets): void {
  if (family.startsWith('levels')) {
    const count = interspaceCount(text);
    if (count !== undefined) {
      f.count = count;
    }
  }
  if (family === 'nails') {
    const count = nailCount(text);
    if (count !== undefined) {
      f.count = count;
    }
  }
  if (TIMED_FAMILIES.has(family)) {
    const minutes = minutesOf(text);
    if (minutes !== undefined) {
      f.minutes = minutes;
    }
  }
  if (family === 'trigger-point' || family === 'destruction' || family === 'wart') {
    const count = countOf(text) ?? (family === 'trigger-point' ? muscleCount(text) : undefined);
    if (count !== undefined) {
      f.count = count;
    }
  }
}

/** Whether a number fits a range attribute ("0-2.5", "7.6-12.5", "3+", "1"). */
function inRange(range: string, value: number): boolean {
  if (range.endsWith('+')) {
    return value >= Number(range.slice(0, -1)) - 0.05;
  }
  const [lo = '0', hi = lo] = range.split('-');
  return value >= Number(lo) - 0.05 && value < Number(hi) + 0.05;
}

const NUMERIC = new Set(['length', 'size', 'count', 'minutes']);
/** The attributes that are facets (the others — family, scope, addon, each — say other things). */
const FACET_KEYS = new Set([
  ...NUMERIC,
  'site',
  'complexity',
  'joint',
  'guidance',
  'behavior',
  'tissue',
  'spine',
  'approach',
]);

/**
 * The family member whose facets fit: each facet the entry names must fit the one read, or, when none
 * was read, the procedure's own entry (its default: "layered closure" is intermediate until the text
 * says otherwise).
 * @param family - the entries of one family, in lexicon order
 * @param own - the entry the trigger found
 * @param read - what the text says
 */
export function facetEntry(
  family: readonly CptEntry[],
  own: CptEntry,
  read: ProcedureFacets,
): CptEntry | undefined {
  const said = read as Record<string, string | number | undefined>;
  return family.find((e) =>
    Object.entries(e.attributes).every(([key, want]) => {
      if (!FACET_KEYS.has(key)) {
        return true;
      }
      const have = said[key];
      const fallback = own.attributes[key];
      if (NUMERIC.has(key)) {
        const n = typeof have === 'number' ? have : Number.parseFloat(fallback ?? '');
        return Number.isNaN(n) || inRange(want, n);
      }
      const wanted = want.split('|');
      if (have !== undefined) {
        return wanted.includes(String(have));
      }
      return fallback === undefined || fallback.split('|').some((v) => wanted.includes(v));
    }),
  );
}
