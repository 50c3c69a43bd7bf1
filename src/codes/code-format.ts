import { createError } from '../core/errors.js';

import type { CodeSystem } from '../core/types.js';

export type { CodeSystem } from '../core/types.js';

const SYSTEM_NAMES: Readonly<Record<string, CodeSystem>> = {
  'icd-10-cm': 'ICD-10-CM',
  icd10cm: 'ICD-10-CM',
  icd: 'ICD-10-CM',
  cpt: 'CPT',
  hcpcs: 'HCPCS',
};

/** The system a user named (`icd10cm`, `ICD-10-CM`, `cpt`, `hcpcs`, any case), or `undefined`. */
export function systemNamed(name: string): CodeSystem | undefined {
  return SYSTEM_NAMES[name.toLowerCase()];
}

/** All code systems, in the order lookups try them. */
export const CODE_SYSTEMS: readonly CodeSystem[] = ['ICD-10-CM', 'CPT', 'HCPCS'];

// Letter, then letters/digits with a digit among the first three (FY2026 added QA0-: letter second).
const ICD_SHAPE = /^[A-Z](?:[0-9][0-9A-Z]|[A-Z][0-9])[0-9A-Z]{0,4}$/;
const CPT_SHAPE = /^[0-9]{4}[0-9FTU]$/;
const HCPCS_SHAPE = /^[A-V][0-9]{4}$/;

/**
 * Canonical ICD-10-CM form: upper case, dot after the third character (`e119` → `E11.9`,
 * ` s72.001a ` → `S72.001A`). Returns `undefined` when the text cannot be an ICD-10-CM code.
 * @param raw - a code as a user or a file wrote it
 */
export function canonicalIcd(raw: string): string | undefined {
  const compact = raw.trim().toUpperCase().replace(/[.\s]/g, '');
  if (!ICD_SHAPE.test(compact)) {
    return undefined;
  }
  return compact.length > 3 ? `${compact.slice(0, 3)}.${compact.slice(3)}` : compact;
}

/** Canonical CPT form (5 characters: digits, or 4 digits + F/T/U), or `undefined`. */
export function canonicalCpt(raw: string): string | undefined {
  const compact = raw.trim().toUpperCase();
  return CPT_SHAPE.test(compact) ? compact : undefined;
}

/** Canonical HCPCS Level II form (a letter A–V and four digits), or `undefined`. */
export function canonicalHcpcs(raw: string): string | undefined {
  const compact = raw.trim().toUpperCase();
  return HCPCS_SHAPE.test(compact) ? compact : undefined;
}

/**
 * Canonical form of `raw` in `system`.
 * @throws NotecoderError INVALID_CODE when the text does not have the system's shape
 */
export function canonicalCode(raw: string, system: CodeSystem): string {
  const canonical =
    system === 'ICD-10-CM'
      ? canonicalIcd(raw)
      : system === 'CPT'
        ? canonicalCpt(raw)
        : canonicalHcpcs(raw);
  if (canonical === undefined) {
    throw createError('INVALID_CODE', `"${raw.trim()}" is not a well-formed ${system} code`, {
      code: raw.trim(),
      system,
    });
  }
  return canonical;
}

/** The systems whose shape `raw` fits (an HCPCS code such as J1100 is also shaped like ICD J11.00). */
export function candidateSystems(raw: string): CodeSystem[] {
  const systems: CodeSystem[] = [];
  if (canonicalIcd(raw) !== undefined) {
    systems.push('ICD-10-CM');
  }
  if (!raw.includes('.')) {
    if (canonicalCpt(raw) !== undefined) {
      systems.push('CPT');
    }
    if (canonicalHcpcs(raw) !== undefined) {
      systems.push('HCPCS');
    }
  }
  return systems;
}
