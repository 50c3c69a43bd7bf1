import type { PhiSpan } from '../core/redaction-types.js';
import { NOT_NAMES, TITLES } from './clinical-words.js';

/**
 * Geographic units below the state and facility names: street addresses (with their unit, city, state
 * and ZIP), "City, ST 12345", post-office boxes, places after "lives in", and named hospitals,
 * clinics and homes. The state itself may stay (Safe Harbor), but it is kept inside an address span:
 * splitting an address would leave its parts readable side by side.
 *
 * ZIP codes: the whole ZIP is redacted. Safe Harbor would allow the first three digits where that
 * three-digit area holds more than 20,000 people; notecoder removes them all, because the list of
 * small areas changes with each census and a coder never needs the ZIP to code a note.
 */

const STATE_ABBR =
  'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR';
const STATE_NAME =
  'Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|Puerto Rico';
const STATE = `(?:${STATE_NAME}|(?:${STATE_ABBR})\\b)`;
const SUFFIX =
  '(?:Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Lane|Ln|Boulevard|Blvd|Court|Ct|Place|Pl|Way|Circle|Cir|Terrace|Ter|Parkway|Pkwy|Highway|Hwy|Trail|Trl|Square|Sq|Loop|Pike|Row|Alley|Crescent|Plaza|Run|Pass|Path)';
// A capitalised word from its start (the \b keeps every pattern linear on a long run of letters).
const CAP = "\\b[A-Z][A-Za-z'’]*";
const ZIP = '\\d{5}(?:-\\d{4})?';
const CITY = `${CAP}(?: ${CAP}){0,2}`;

const ADDRESS = new RegExp(
  // 1234 N. Oak Hill Rd, Apt 5, Springfield, IL 62704
  `\\b\\d{1,6}(?:-\\d{1,4})? (?:[NSEW]\\.? )?(?:(?:${CAP}|\\d{1,3}(?:st|nd|rd|th)) ){1,4}${SUFFIX}\\b\\.?` +
    `(?:,? (?:Apt|Apartment|Suite|Ste|Unit|Room|Rm|#)\\.? ?#?[A-Za-z0-9-]{1,6})?` +
    `(?:, ${CITY}(?:,? ${STATE}(?: ${ZIP})?)?)?`,
  'g',
);
const CITY_STATE_ZIP = new RegExp(`\\b${CITY},? ${STATE}\\.? ${ZIP}\\b`, 'g');
const PO_BOX = /\bP\.? ?O\.? Box \d{1,6}\b/gi;
const LABELED_ZIP = /\b(?:ZIP|zip code|postal code)\s*:?\s*(\d{5}(?:-\d{4})?)\b/gi;
// "lives in Dover, Delaware", "from Auburn, AL" (not "Smith, MD", not "Lee, PA": credentials).
const LIVES_IN = new RegExp(
  `\\b(?:lives|living|resides|residing|moved|relocated|born|grew up|home|visiting|traveled|travelled|vacation(?:ed|ing)?)(?: [a-z]+)? (?:in|to|from|at|near) (${CITY}(?:, ?(?:${STATE_NAME}|(?!MD\\b|PA\\b|DO\\b|ME\\b|OR\\b|IN\\b)(?:${STATE_ABBR})\\b))?)`,
  'g',
);

const FACILITY_HEAD =
  '(?:Hospitals?|Medical Cent(?:er|re)|Health Cent(?:er|re)|Health System|Healthcare|Health Care|Clinics?|Rehabilitation Cent(?:er|re)|Rehab Cent(?:er|re)|Rehabilitation Hospital|Nursing Home|Nursing Cent(?:er|re)|Nursing Facility|Care Cent(?:er|re)|Surgery Cent(?:er|re)|Surgical Cent(?:er|re)|Cancer Cent(?:er|re)|Heart Institute|Infirmary|Hospice|Medical Group|Medical Associates|Physicians Group|Family Practice|Urgent Care|Sanatorium|Sanitarium|Assisted Living|Retirement Home|Manor|Memorial)';
const FACILITY = new RegExp(
  `(?:\\b(?:St\\.?|Saint|Mt\\.?|Mount) )?(?:${CAP}\\.? |&amp; |& |of (?=${CAP})){1,6}${FACILITY_HEAD}\\b(?: (?:of|for) (?:the )?${CAP}(?: ${CAP}){0,3})?`,
  'g',
);
/** Words that name facilities ("County General Hospital"): never trimmed off a facility's front. */
const FACILITY_WORDS = new Set([
  'general',
  'community',
  'regional',
  'memorial',
  'university',
  'county',
  'state',
  'city',
  'medical',
  'veterans',
  'children’s',
  "children's",
  'women’s',
  "women's",
  'district',
]);
/** Words a facility name does not start with (they are the sentence's, not the name's). */
const LEADING_NOISE = new Set([
  ...[...NOT_NAMES].filter((w) => !FACILITY_WORDS.has(w)),
  'of',
  '&',
  'outside',
  'nearby',
  'another',
  'private',
]);
/**
 * Words that alone make no facility name: kinds of care and departments ("Pain Clinic", "Wound Care
 * Center"). "General Hospital" and "Community Hospital", capitalised, are names: they stay.
 */
const GENERIC = new Set([
  'rehabilitation',
  'surgical',
  'psychiatric',
  'cancer',
  'heart',
  'eye',
  'nursing',
  'family',
  'urgent',
  'care',
  'health',
  'of',
  '&',
  'the',
  'and',
  // departments and services: "Pain Clinic" and "Wound Care Center" name no place
  ...`pain wound sleep diabetes diabetic dialysis breast cardiac cardiology vascular vein spine
  orthopedic orthopedics sports kidney renal liver transplant dental skin allergy asthma lung
  pulmonary oncology infusion fertility maternity behavioral mental addiction recovery rehab physical
  therapy hearing speech memory stroke trauma burn imaging radiology endoscopy urology neurology
  digestive gi ent eye vision headache epilepsy seizure weight bariatric hand foot ankle joint bone
  spine neuroscience neurosciences geriatric pediatric pediatrics adolescent student employee
  occupational travel senior anticoagulation coumadin wellness primary specialty specialty outpatient
  inpatient ambulatory day same-day rheumatology hematology endocrinology nephrology gastroenterology
  pulmonology dermatology psychiatry obstetrics gynecology obstetric infectious immunology
  cardiothoracic neurosurgery orthopaedic orthopaedics otolaryngology ophthalmology podiatry plastic
  colorectal hepatology genetics genetic adult internal medicine surgery oncology women's children's
  well-baby newborn prenatal lactation nutrition diabetes lipid hypertension coagulation anemia
  continuity resident residents teaching faculty management homeless walk-in`.split(/\s+/),
]);

function addAll(text: string, re: RegExp, out: PhiSpan[], group = 0): void {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const value = m[group];
    if (value !== undefined && value !== '') {
      const start = m.index + m[0].lastIndexOf(value);
      out.push({ start, end: start + value.length, type: 'LOCATION' });
    }
  }
}

/** Trims sentence words and titles off the front of a facility match; undefined if nothing named stays. */
function trimFacility(text: string, start: number, end: number): PhiSpan | undefined {
  const words = /\S+/g;
  words.lastIndex = start;
  let from = start;
  const body = text.slice(start, end);
  const saint = /^(?:St\.?|Saint|Mt\.?|Mount) /.exec(body);
  if (saint === null) {
    for (let m = words.exec(text); m !== null && m.index < end; m = words.exec(text)) {
      const w = m[0].replace(/[.,]$/, '');
      if (/^(?:St|Saint|Mt|Mount)$/.test(w)) {
        break;
      }
      if (!LEADING_NOISE.has(w.toLowerCase()) && !TITLES.has(w)) {
        break;
      }
      from = m.index + m[0].length + 1;
    }
  }
  const kept = text.slice(from, end);
  const named = kept
    .split(/\s+/)
    .map((w) => w.toLowerCase().replace(/[.,]$/, ''))
    .filter((w) => !GENERIC.has(w));
  // The head itself ("Hospital") and at least one word of the name proper.
  return named.length >= 2 && from < end ? { start: from, end, type: 'LOCATION' } : undefined;
}

/** Addresses, cities, ZIP codes, post-office boxes and facility names. */
export function findLocations(text: string, out: PhiSpan[]): void {
  addAll(text, ADDRESS, out);
  addAll(text, CITY_STATE_ZIP, out);
  addAll(text, PO_BOX, out);
  addAll(text, LABELED_ZIP, out, 1);
  addAll(text, LIVES_IN, out, 1);
  FACILITY.lastIndex = 0;
  for (let m = FACILITY.exec(text); m !== null; m = FACILITY.exec(text)) {
    const span = trimFacility(text, m.index, m.index + m[0].length);
    if (span !== undefined) {
      out.push(span);
    }
  }
}
