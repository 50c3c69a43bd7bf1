/** Words a coder reads for the pipeline's and the code set's internal names. */

const REASONS: Readonly<Record<string, string>> = {
  negated: 'negated in the note ("no …", "denies …")',
  'uncertain-outpatient': 'uncertain diagnosis: outpatient rules code the symptoms instead',
  'family-history': 'family history, not the patient’s own condition',
  'personal-history': 'history of a condition that is no longer present',
  'excludes1-conflict': 'Excludes1 conflict: another suggested code excludes it (never both)',
  'less-specific': 'a more specific code among the suggestions covers it',
  'combination-code': 'included in a combination code among the suggestions',
  'integral-symptom': 'a symptom that is part of a coded diagnosis',
  'findings-not-in-impression':
    'read only in the findings of a report whose impression does not carry it (reports are coded from the impression)',
  intended: 'named as a goal or a treatment (intended weight loss), not a sign of disease',
  'medical-indication':
    'a routine encounter code, but the note documents the medical reason for the procedure',
  'learned-word-only':
    'read only from a single word that co-occurred with the code in coded notes, not a statement of it',
  bundled: 'bundled into another procedure among the suggestions',
  'bundled-into-angiography': 'bundled into the angiography among the suggestions',
  hypothetical: 'hypothetical or planned, not a current diagnosis',
  'not-performed': 'the procedure was not performed',
  'newborn-record':
    'the outcome of delivery and pregnancy codes go on the mother’s record, not the newborn’s (Z38)',
  'maternal-record': 'perinatal (P) codes go on the newborn’s record, not the mother’s',
  'reading-not-diagnosis':
    'a blood pressure or a heart chamber called hypertensive, on a note that diagnoses no hypertension (an elevated reading is R03.0)',
  'hypertension-diagnosed':
    'an elevated blood-pressure reading (R03.0) beside a diagnosed hypertension',
  pregnancy: 'hypertension in pregnancy is coded from chapter 15 (O10–O16), not as I10',
};

/** A suppression reason in words ("excludes1-conflict" → "Excludes1 conflict: …"). */
export function reasonLabel(reason: string): string {
  return (
    REASONS[reason] ??
    (/^[a-z0-9]+(?:-[a-z0-9]+)+$/.test(reason) ? reason.replaceAll('-', ' ') : reason)
  );
}

const NOTE_KINDS: Readonly<Record<string, string>> = {
  inclusionTerms: 'Inclusion terms',
  includes: 'Includes',
  excludes1: 'Excludes1 (never coded together)',
  excludes2: 'Excludes2 (not included here; both may be coded)',
  codeFirst: 'Code first',
  useAdditionalCode: 'Use additional code',
  codeAlso: 'Code also',
  notes: 'Notes',
};

/** A Tabular note kind as the book prints it ("useAdditionalCode" → "Use additional code"). */
export function noteKindLabel(kind: string): string {
  return (
    NOTE_KINDS[kind] ??
    kind
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .replace(/^./, (c) => c.toUpperCase())
      .replace(/ ([A-Z])/g, (_, c: string) => ` ${c.toLowerCase()}`)
  );
}

/** Where an inherited note was declared, in words ("chapter 9" → "applies to all of chapter 9"). */
export function declaredAtLabel(declaredAt: string, code: string): string {
  if (declaredAt === code) {
    return '';
  }
  if (declaredAt.startsWith('chapter ')) {
    return `applies to all of ${declaredAt}`;
  }
  if (declaredAt.includes('-')) {
    return `applies to all of ${declaredAt.replace('-', '–')}`;
  }
  return `inherited from ${declaredAt}`;
}

/** The code set line with its internal version names in words ("lexicon-618c9d36…" → "team lexicon 618c9d36"). */
export function codeSetLabel(line: string): string {
  return line
    .replace(/\blexicon-([0-9a-f]{8})[0-9a-f]*/g, 'team lexicon (version $1)')
    .replace(/\bCPT lexicon\b/g, 'CPT (the team’s own descriptions)');
}
