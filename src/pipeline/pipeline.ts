import { forgetStems } from '../core/term-key.js';
import type { Note } from '../core/types.js';
import { candidateMentions } from './candidate-mentions.js';
import { detectorName } from './detector-name.js';
import type { Knowledge } from './knowledge.js';
import { createNoteLinker } from './linker/note-linker.js';
import { createNoteDoc, type NoteDoc } from './note-doc.js';
import type { DetectOptions, Pipeline, PipelineOptions } from './pipeline-types.js';
import { createAbbreviationsStage } from './stages/abbreviations-stage.js';
import { createAssertionStage } from './stages/assertion-stage.js';
import { createClaimStage } from './stages/claim-stage.js';
import { createCptDetectorsStage } from './stages/cpt-detectors-stage.js';
import { createCptUpgradesStage } from './stages/cpt-upgrades-stage.js';
import { createFeaturesStage } from './stages/features-stage.js';
import { createGuidelineRulesStage } from './stages/guideline-rules-stage.js';
import { createLearnedAssociationsStage } from './stages/learned-associations-stage.js';
import { createLinkingStage } from './stages/linking-stage.js';
import { createPerformedProceduresStage } from './stages/performed-procedures-stage.js';
import { runStages, timedStages } from './stages/run-stages.js';
import { createScoringStage } from './stages/scoring-stage.js';
import { createSectionsStage } from './stages/sections-stage.js';
import { createResultStage } from './stages/result-stage.js';
import { createSelectionStage } from './stages/selection-stage.js';
import { stageList, type NamedStage } from './stages/stage.js';
import { createTaggerMentionsStage } from './stages/tagger-mentions-stage.js';
import { createTermMatchingStage } from './stages/term-matching-stage.js';
import { createTokensStage } from './stages/tokens-stage.js';
import { validateNote } from './validate-note.js';

export type * from './pipeline-types.js';

/**
 * Creates the pipeline: a note's document goes through the stages below, in this order, each reading
 * what the earlier ones wrote (`note-doc.ts`). Building it compiles the dictionary (seconds); `detect`
 * is pure: no I/O, no environment, no shared mutable state.
 * @param knowledge - code set, lexicons and the learned model
 */
export function createPipeline(knowledge: Knowledge, options: PipelineOptions = {}): Pipeline {
  const maxChars = options.maxChars ?? 200_000;
  const floor = options.floor ?? 0.02;
  const link = createNoteLinker(knowledge.codeSet);
  const candidates = stageList({
    tokens: createTokensStage(),
    sections: createSectionsStage(),
    abbreviations: createAbbreviationsStage(knowledge),
    assertion: createAssertionStage(knowledge),
    termMatching: createTermMatchingStage(knowledge),
    performedProcedures: createPerformedProceduresStage(knowledge),
    linking: createLinkingStage(knowledge, { link }),
    learnedAssociations: createLearnedAssociationsStage(knowledge, { link }),
    taggerMentions: createTaggerMentionsStage(knowledge, { link }),
    // Detectors first: a procedure report's own words (a colonoscope to the cecum) upgrade like a trigger.
    cptDetectors: createCptDetectorsStage(knowledge),
    cptUpgrades: createCptUpgradesStage(knowledge),
    scoring: createScoringStage(knowledge, { floor }),
  });
  const detection = stageList({
    guidelineRules: createGuidelineRulesStage(knowledge, { floor }),
    result: createResultStage(knowledge, { floor }),
    selection: createSelectionStage(knowledge),
    claim: createClaimStage(knowledge),
  });
  const training = stageList({
    guidelineRules: createGuidelineRulesStage(knowledge),
    features: createFeaturesStage(),
  });
  // The build's words leave the stem cache: the notes' own words, remembered afresh, read faster.
  forgetStems();

  const timed = (stages: NamedStage[]): NamedStage[] =>
    options.timing === undefined ? stages : timedStages(stages, options.timing);
  const detectStages = timed([...candidates, ...detection]);
  const featureStages = timed([...candidates, ...training]);
  const mentionStages = timed(candidates);
  const validate = (note: Note): void => {
    validateNote(note, maxChars);
  };
  const run = (stages: NamedStage[], note: Note, detectOptions: DetectOptions): NoteDoc => {
    validate(note);
    const doc = createNoteDoc(note, detectOptions, knowledge.learned?.associations);
    runStages(stages, doc, detectOptions.deadline);
    return doc;
  };
  const name = detectorName(knowledge);
  const tagged = knowledge.learned?.tagged;
  return {
    name,
    threshold: knowledge.learned?.threshold ?? 0.5,
    ...(tagged === undefined
      ? {}
      : { tagged: { tagger: tagged.tagger, threshold: tagged.threshold } }),
    validate,
    features: (note, detectOptions = {}) => run(featureStages, note, detectOptions).features,
    mentions: (note, detectOptions = {}) =>
      run(mentionStages, note, detectOptions).candidates.map(candidateMentions),
    detect: (note, detectOptions = {}) => run(detectStages, note, detectOptions).result,
  };
}
