import type { CodeSet } from '../../codes/code-set.js';
import type { DetectResult } from '../../core/types.js';
import type { GuidelineData } from '../knowledge.js';
import type { SectionSpan } from '../../text/sections.js';
import { bilateralCodes } from './bilateral-codes.js';
import { bloodPressureReadings } from './blood-pressure-readings.js';
import { bmiCodes } from './bmi-codes.js';
import { cesareanScar } from './cesarean-scar.js';
import { companionCodes } from './companion-codes.js';
import { coughCodes } from './cough-codes.js';
import { deliveryOutcome } from './delivery-outcome.js';
import { discCodes } from './disc-codes.js';
import { encounterReasons } from './encounter-reasons.js';
import { imagingPainSites } from './imaging-pain-sites.js';
import { impressionFindings } from './impression-findings.js';
import { intendedWeightLoss } from './intended-weight-loss.js';
import { lateralCodes } from './lateral-codes.js';
import { manifestationCodes } from './manifestation-codes.js';
import { namedCompanions } from './named-companions.js';
import { organismCodes } from './organism-codes.js';
import { preventiveCodes } from './preventive-codes.js';
import { routineCircumcision } from './routine-circumcision.js';
import { selectedCombinations } from './selected-combinations.js';
import { selectedExcludes1 } from './selected-excludes1.js';
import { fetalHeartLabor } from './fetal-heart-labor.js';
import { spineCodes } from './spine-codes.js';
import { pregnancyHypertension } from './pregnancy-hypertension.js';
import { trimesterCodes } from './trimester-codes.js';

/** A step that reads the note and the code set beside the result. */
type NoteStep = (
  result: DetectResult,
  text: string,
  codeSet: CodeSet,
  operating: number,
) => DetectResult;

/**
 * The steps before Excludes1 and the combinations, in order: the side the note names, then the
 * pregnancy record (an abnormal fetal heart rate in or out of labour, the scar of an earlier cesarean,
 * the delivery outcome, hypertension in pregnancy, the trimester), then the infectious agent.
 */
const SIDE_AND_PREGNANCY: readonly NoteStep[] = [
  lateralCodes,
  fetalHeartLabor,
  cesareanScar,
  deliveryOutcome,
  pregnancyHypertension,
  bloodPressureReadings,
  trimesterCodes,
  organismCodes,
];

/**
 * The guideline conventions applied to the selected codes, in order: the side the note names, the
 * scar of an earlier cesarean on a pregnancy's record, the outcome of a delivery on the mother's
 * record, the trimester and weeks of gestation it documents, the infectious agent of a site infection,
 * the combination codes of the billed parts, one code of each Excludes1 pair, the bilateral code for
 * both sides, the code a billed code's "use additional code" note names for a symptom, the companion
 * codes a billed code requires, the manifestation a combination code's words name but its title does
 * not (diabetic gastroparesis: K31.84 beside E11.43), cough by duration, a displaced disc by level,
 * spinal stenosis, spondylolisthesis and spondylosis by region, the reason for a preventive visit, the
 * reason for a sterilization or a vaccine, the BMI beside its weight diagnosis, pain by the site an
 * imaging study names when its reason is all that is coded, a report's findings that its impression does
 * not carry, a routine circumcision only when there is no medical
 * indication, and no abnormal weight loss where the note names weight loss as a goal. The selection stage and `train-selection`'s out-of-fold scores run the same chain.
 * @param selected - the result the selection model re-scored
 * @param text - the note
 * @param sections - its sections
 * @param codeSet - the code set
 * @param operating - the note's operating threshold
 * @param combinations - the combination table (`combination-codes.tsv`)
 */
export function afterSelection(
  selected: DetectResult,
  text: string,
  sections: readonly SectionSpan[],
  codeSet: CodeSet,
  operating: number,
  combinations: GuidelineData['combinations'],
): DetectResult {
  let sided = selected;
  for (const step of SIDE_AND_PREGNANCY) {
    sided = step(sided, text, codeSet, operating);
  }
  // Excludes1 before the combinations too: a pair's loser must not make a combination code (N18.9
  // read beside N19 would turn hypertension into I12.9); and after them, for the combinations made.
  const combined = selectedExcludes1(
    selectedCombinations(
      selectedExcludes1(sided, codeSet, operating),
      combinations,
      codeSet,
      operating,
    ),
    codeSet,
    operating,
  );
  const paired = companionCodes(
    namedCompanions(bilateralCodes(combined, codeSet, operating), codeSet, operating),
    operating,
  );
  const coughs = coughCodes(
    manifestationCodes(paired, codeSet, operating),
    text,
    codeSet,
    operating,
  );
  const discs = spineCodes(
    discCodes(coughs, text, sections, codeSet, operating),
    text,
    sections,
    codeSet,
    operating,
  );
  const reasons = encounterReasons(
    preventiveCodes(discs, text, codeSet, operating),
    codeSet,
    operating,
  );
  return intendedWeightLoss(
    routineCircumcision(
      impressionFindings(
        imagingPainSites(
          bmiCodes(reasons, text, codeSet, operating),
          text,
          sections,
          codeSet,
          operating,
        ),
        sections,
        operating,
      ),
      operating,
    ),
    text,
  );
}
