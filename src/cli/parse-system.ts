import { createError } from '../core/errors.js';
import { systemNamed, type CodeSystem } from '../codes/code-format.js';
import type { BillingComponent } from '../core/claim-types.js';
import type { Rules, Setting } from '../core/types.js';

/**
 * Parses a `--system` value (`icd10cm`, `ICD-10-CM`, `cpt`, `hcpcs`, any case).
 * @throws NotecoderError INVALID_OPTIONS
 */
export function parseSystem(value: string | undefined): CodeSystem | undefined {
  if (value === undefined) {
    return undefined;
  }
  const system = systemNamed(value);
  if (system === undefined) {
    throw createError('INVALID_OPTIONS', `--system must be icd10cm, cpt or hcpcs, not "${value}"`);
  }
  return system;
}

/**
 * Parses a `--rules` value.
 * @throws NotecoderError INVALID_OPTIONS
 */
export function parseRules(value: string | undefined): Rules | undefined {
  if (value === undefined || value === 'billing' || value === 'mentions') {
    return value;
  }
  throw createError('INVALID_OPTIONS', `--rules must be billing or mentions, not "${value}"`);
}

/**
 * Parses a `--setting` value.
 * @throws NotecoderError INVALID_OPTIONS
 */
export function parseSetting(value: string | undefined): Setting | undefined {
  if (value === undefined || value === 'outpatient' || value === 'inpatient') {
    return value;
  }
  throw createError('INVALID_OPTIONS', `--setting must be outpatient or inpatient, not "${value}"`);
}

/**
 * Parses a `--component` value.
 * @throws NotecoderError INVALID_OPTIONS
 */
export function parseComponent(value: string | undefined): BillingComponent | undefined {
  if (
    value === undefined ||
    value === 'professional' ||
    value === 'technical' ||
    value === 'global'
  ) {
    return value;
  }
  throw createError(
    'INVALID_OPTIONS',
    `--component must be professional, technical or global, not "${value}"`,
  );
}
