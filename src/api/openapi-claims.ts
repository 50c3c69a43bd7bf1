/**
 * The OpenAPI parts of the claim lines, the FHIR R4 representation of a note result and the
 * Comprehend Medical compatible route (merged into `openApiDocument`).
 */
const ref = (name: string): Record<string, string> => ({ $ref: `#/components/schemas/${name}` });
const problem = (description: string): Record<string, unknown> => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});
const list = (items: Record<string, unknown>): Record<string, unknown> => ({
  type: 'array',
  items,
});

const Inferred = {
  type: 'object',
  required: ['reason', 'evidence'],
  properties: {
    reason: { type: 'string', description: 'why, in words a coder reads' },
    evidence: { ...list(ref('Evidence')), description: 'the note words it rests on' },
  },
};

const ClaimLine = {
  type: 'object',
  required: [
    'line',
    'code',
    'system',
    'title',
    'units',
    'unitsBasis',
    'modifiers',
    'diagnosisCodes',
    'diagnosisPointers',
    'pointerReasons',
    'evidence',
  ],
  properties: {
    line: { type: 'integer', minimum: 1 },
    code: { type: 'string' },
    system: { enum: ['CPT', 'HCPCS'] },
    title: { type: 'string' },
    units: { type: 'integer', minimum: 1, description: 'never more than the note documents' },
    unitsBasis: ref('Inferred'),
    modifiers: list({
      allOf: [
        ref('Inferred'),
        { type: 'object', required: ['code'], properties: { code: { type: 'string' } } },
      ],
      description: '26/TC, 50, LT/RT, 25, XE/XS/XU or 59, 76/77; never GA/GZ/GY',
    }),
    diagnosisCodes: { ...list({ type: 'string' }), maxItems: 4 },
    diagnosisPointers: {
      ...list({ type: 'integer', minimum: 1 }),
      maxItems: 4,
      description: 'positions in claim.diagnoses',
    },
    pointerReasons: list(ref('Inferred')),
    evidence: list(ref('Evidence')),
    findings: list(ref('EditFinding')),
    notes: list({ type: 'string' }),
  },
};

const EditFinding = {
  type: 'object',
  required: ['rule', 'action', 'message', 'source', 'details'],
  properties: {
    rule: { enum: ['mue', 'ptp', 'addon'] },
    action: { enum: ['review', 'drop', 'bypassed'] },
    message: { type: 'string' },
    source: { type: 'string', description: 'the CMS file (its name names the release)' },
    details: {
      type: 'object',
      additionalProperties: { type: ['string', 'number'] },
      description:
        'mue, mai, units; column1, column2, modifierIndicator, effective, deletion, modifier; type, primaries',
    },
  },
};

const Claim = {
  type: 'object',
  description: 'A draft claim from the suggestions at the threshold (billing rules only)',
  required: ['component', 'diagnoses', 'lines', 'edits'],
  properties: {
    component: { enum: ['professional', 'technical', 'global'] },
    diagnoses: list({
      type: 'object',
      required: ['sequence', 'code', 'title'],
      properties: {
        sequence: { type: 'integer', minimum: 1 },
        code: { type: 'string' },
        title: { type: 'string' },
      },
    }),
    firstListed: {
      allOf: [
        ref('Inferred'),
        { type: 'object', required: ['code'], properties: { code: { type: 'string' } } },
      ],
      description:
        'why the first diagnosis is listed first (ICD-10-CM outpatient guidelines IV.D, IV.G, IV.K)',
    },
    lines: list(ref('ClaimLine')),
    edits: {
      type: 'object',
      description: 'the CMS edit files the lines were checked against (empty: none loaded)',
      properties: { mue: { type: 'string' }, ptp: { type: 'string' }, addons: { type: 'string' } },
    },
  },
};

const trait = {
  type: 'object',
  required: ['Name', 'Score'],
  properties: {
    Name: {
      enum: [
        'NEGATION',
        'DIAGNOSIS',
        'SIGN',
        'SYMPTOM',
        'PERTAINS_TO_FAMILY',
        'HYPOTHETICAL',
        'LOW_CONFIDENCE',
      ],
    },
    Score: { type: 'number' },
  },
};

const InferIcd10cmResponse = {
  type: 'object',
  required: ['Entities', 'ModelVersion'],
  properties: {
    ModelVersion: { type: 'string' },
    Entities: list({
      type: 'object',
      required: [
        'Id',
        'Text',
        'Category',
        'Type',
        'Score',
        'BeginOffset',
        'EndOffset',
        'Traits',
        'ICD10CMConcepts',
      ],
      properties: {
        Id: { type: 'integer' },
        Text: { type: 'string' },
        Category: { const: 'MEDICAL_CONDITION' },
        Type: { const: 'DX_NAME' },
        Score: { type: 'number' },
        BeginOffset: { type: 'integer' },
        EndOffset: { type: 'integer' },
        Traits: list(trait),
        ICD10CMConcepts: list({
          type: 'object',
          required: ['Description', 'Code', 'Score'],
          properties: {
            Description: { type: 'string' },
            Code: { type: 'string' },
            Score: { type: 'number' },
          },
        }),
      },
    }),
  },
};

/** Schemas added to `components.schemas`. */
export const claimSchemas: Record<string, unknown> = {
  Inferred,
  Claim,
  ClaimLine,
  EditFinding,
  InferIcd10cmResponse,
  FhirBundle: {
    type: 'object',
    description:
      'A FHIR R4 Bundle (type collection): DocumentReference of the note, Condition per ICD-10-CM code (verificationStatus from the assertion, evidence spans), Procedure per CPT/HCPCS code, a draft Claim of the claim lines. See https://hl7.org/fhir/R4/bundle.html',
    required: ['resourceType', 'type', 'entry'],
    properties: {
      resourceType: { const: 'Bundle' },
      type: { const: 'collection' },
      entry: list({ type: 'object' }),
    },
  },
};

/** Paths added to `paths`. */
export const claimPaths: Record<string, unknown> = {
  '/v1/jobs/{id}/notes/{noteId}': {
    get: {
      operationId: 'getNoteResult',
      summary:
        "One note's outcome; with Accept: application/fhir+json its result as a FHIR R4 Bundle",
      parameters: [
        { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'noteId', in: 'path', required: true, schema: { type: 'string' } },
      ],
      responses: {
        '200': {
          description:
            'The note outcome (application/json) or the FHIR Bundle (application/fhir+json)',
          content: {
            'application/json': { schema: ref('NoteOutcome') },
            'application/fhir+json': { schema: ref('FhirBundle') },
          },
        },
        '404': problem(
          'Unknown job (JOB_NOT_FOUND) or no result for the note (NOTE_RESULT_NOT_FOUND)',
        ),
        '406': problem(
          'Accept names neither application/json nor application/fhir+json (NOT_ACCEPTABLE)',
        ),
        '409': problem('The note is not processed yet (NOTE_RESULT_NOT_READY)'),
        '401': problem('Missing or unknown API key'),
      },
    },
  },
  '/v1/comprehend/infer-icd10-cm': {
    post: {
      operationId: 'inferIcd10Cm',
      summary:
        "Amazon Comprehend Medical's InferICD10CM on notecoder: the same request and response shape (a migration path)",
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['Text'],
              additionalProperties: false,
              properties: { Text: { type: 'string', minLength: 1, maxLength: 10_000 } },
            },
          },
        },
      },
      responses: {
        '200': {
          description: 'Conditions with traits and ranked ICD-10-CM concepts',
          content: { 'application/json': { schema: ref('InferIcd10cmResponse') } },
        },
        '400': problem(
          'Text missing or empty (INVALID_REQUEST) or over 10,000 characters (TEXT_SIZE_LIMIT_EXCEEDED)',
        ),
        '401': problem('Missing or unknown API key'),
        '415': problem('Body is not application/json'),
        '504': problem('Detection did not finish in time'),
      },
    },
  },
};
