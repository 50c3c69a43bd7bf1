/**
 * Words that keep a capitalised word from being read as a person's name. Clinical writing is full of
 * people's names that name diseases, signs, procedures and instruments: the name lists hold
 * "Parkinson", "Down" and "Bell", and a patient may be called Hunter or Graves. None of this is a rule
 * for one note: it is the general vocabulary of eponyms and of words a note capitalises.
 */

const words = (text: string): ReadonlySet<string> =>
  new Set(
    text
      .trim()
      .split(/\s+/)
      .map((w) => w.toLowerCase()),
  );

/**
 * Nouns that, right after a capitalised word (or its possessive), make it an eponym: "Bell palsy",
 * "Parkinson's disease", "Foley catheter", "Marcus Gunn pupil", "Tommy John surgery".
 */
export const EPONYM_HEADS = words(`
  syndrome syndromes disease diseases disorder palsy paralysis sign signs test tests testing maneuver
  manoeuvre reflex reflexes phenomenon procedure procedures operation repair reconstruction surgery
  fracture fractures tear tears lesion lesions nodule nodules node nodes body bodies cell cells tumor
  tumors tumour lymphoma sarcoma carcinoma cyst ulcer ulcers esophagus classification criteria scale
  scales score scoring stage staging grade grading type catheter tube tubes stocking stockings
  position incision approach forceps retractor clamp needle stain staining fixation shunt valve
  murmur murmurs pupil pupils triad law angle line lines point points space spaces duct ducts gland
  glands canal membrane fascia ligament regimen technique method index formula equation diet
  fundoplication anastomosis procedure's loop pouch bypass ratio number solution ring rings sheath
  cannula drain drains mask splint cast brace boot traction view views projection hernia deformity
  contracture aneurysm fistula malformation anomaly fever encephalopathy encephalitis dementia
  dystrophy atrophy ataxia chorea tremor neuralgia neuroma neuropathy thyroiditis hyperplasia
  hypertrophy infarct phenomenon cardiomyopathy esophagitis gastritis colitis arthritis tendinitis
  tenosynovitis contraction contractions sphincter artery arteries vein veins plexus nerve nerves
  ganglion area areas zone zones organ organs capsule tendon bursa crisis crises effect response
  rule rules block blocks incisions dilators dilator bougie bougies speculum elevator elevators
  scissors rongeur curette hook hooks stitch stitches suture sutures knot knots retractors needles
  probe balloon pump pumps pin pins nail nails plate plates screw screws wire wires frame
  appliance device approach's muscle muscles mucosa
`);

/**
 * Eponyms and other clinical words spelt like names, never carried from one mention to the others
 * (a patient "Mr. Parkinson" does not make "Parkinson" elsewhere in the note a name) and never a name
 * without a title or label before them.
 */
export const CLINICAL_EPONYMS = words(`
  addison adson alzheimer apgar argyll asperger babinski bartholin bence billroth brudzinski buerger
  burkitt chagas charcot chiari colles crohn cushing darier dubin dupuytren duchenne ebstein
  eisenmenger epley ewing fallot finkelstein foley fournier friedreich glasgow gleason guillain barre
  hartmann hashimoto heberden hirschsprung hodgkin homans horner huntington hurler kaposi kawasaki
  kernig kienbock klinefelter korsakoff krukenberg lachman legg calve perthes lhermitte lisfranc lyme
  mallory marfan mcburney mcmurray meckel meniere monteggia nissen osgood schlatter paget parkinson
  peyronie phalen raynaud reye roux romberg scheuermann schmorl sjogren spurling takayasu tinel
  tourette trendelenburg virchow willebrand waldenstrom wegener wernicke whipple wilms wolff zenker
  zollinger ellison ortolani hallpike valsalva heimlich kocher pfannenstiel bankart galeazzi bartter
  gitelman fanconi goodpasture henoch schonlein kussmaul cheyne chvostek trousseau crigler najjar
  gaucher niemann fabry pompe munchausen capgras tietze mondor dressler kearns sayre lesch nyhan
  angelman prader willi noonan rett marchiafava soulier glanzmann felty churg behcet kikuchi rosai
  dorfman castleman langerhans merkel schwann purkinje leydig sertoli kupffer golgi nissl doppler
  holter hickman groshong broviac mediport pleurx penrose hemovac malecot pezzer coude tenckhoff
  permcath bovie metzenbaum allis babcock deaver balfour bookwalter gelpi weitlaner ragnell hohmann
  kerrison leksell debakey satinsky castroviejo alport apert arnold-chiari baastrup bouchard brugada
  budd chiari charcot-marie-tooth dandy denys drash erb duchenne fahr gerstmann guyon hurthle
  jervis kasabach kienböck kimmelstiel kluver bucy lemierre lofgren mobitz
  morquio moyamoya ogilvie pancoast pickwickian refsum riedel sezary
  shy drager sipple stargardt sturge tolosa vogt koyanagi harada waardenburg wenckebach
  zieve
`);

/** Capitalised words that are not names, whatever the lists say (months, days, note words). */
export const NOT_NAMES = words(`
  january february march april may june july august september october november december jan feb mar
  apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
  patient patients the a an this that these those his her he she they their our my your its it i we
  you him them us and or but not no yes none unknown n/a na self same other history past present
  chief complaint impression assessment plan diagnosis diagnoses procedure procedures findings
  indication indications medications medication allergies allergy exam examination physical review
  systems social family surgical medical hospital clinic center centre department unit service
  emergency general local spinal regional monitored anesthesia sedation mac iv im po prn bid tid qid
  daily left right bilateral normal negative positive mild moderate severe acute chronic stable
  status post pre preoperative postoperative operative intraoperative discharge admission admitted
  followup follow up on in at of for to from with without by per as is was were be been has had have
  will would should could can did do does note notes report signed dictated transcribed date time
  age sex male female man woman boy girl mother father son daughter wife husband brother sister
  spouse mom dad baby infant child doctor nurse physician surgeon resident attending staff team
  primary care provider consult consultation consultant referral referring ordering labs lab
  laboratory radiology pathology cardiology neurology oncology urology gastroenterology orthopedics
  nephrology pulmonology dermatology psychiatry pediatrics obstetrics gynecology medicine surgery
  internal ent ob gyn er ed icu ccu or pacu ct mri ekg ecg eeg emg xray x-ray ultrasound echo
  also then there here when where while after before during since until again however therefore
  which who whom what why how all any each every some several both either neither new old first
  second third last next prior previous current recent today tomorrow yesterday morning evening
  night noon week month year years day days hours minutes st saint mount mt fort ft north south east
  west street avenue road drive lane boulevard court place way dr mr mrs ms miss mx prof drs
  practitioner
`);

/** Personal titles before a name: "Dr. Lee", "Mrs. Ortega", "Prof Adeyemi". */
export const TITLES = new Set(['Dr', 'Mr', 'Mrs', 'Ms', 'Miss', 'Mx', 'Prof', 'Doctor', 'Drs']);

/** Credentials after a name: "Ana Ruiz, MD", "J. Park RN". */
export const CREDENTIALS =
  'M\\.?D\\.?|D\\.?O\\.?|R\\.?N\\.?|N\\.?P\\.?|P\\.?A\\.?-?C\\.?|Ph\\.?D\\.?|DPM|DDS|DMD|CRNA|FNP(?:-BC)?|ARNP|APRN|CNM|MSW|LCSW|LPN|PharmD|FACS|FACC|FACP|MPH|MBBS|DNP|PsyD|CNP';
