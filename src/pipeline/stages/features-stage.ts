import { candidateFeatures, taggerFeatures } from '../scorer/features.js';
import type { Stage } from './stage.js';

/**
 * Features (for `notecoder train`): the kept ICD-10-CM candidates the scorer decides, each with its
 * feature vector — the tagger's features follow when the note was tagged.
 */
export function createFeaturesStage(): Stage {
  return (doc) => {
    const { associations, tags } = doc;
    doc.features = doc.kept
      .filter((c) => c.system === 'ICD-10-CM' && c.fixedConfidence === undefined)
      .map((c) => {
        const x = candidateFeatures(c, associations);
        return {
          code: c.code,
          features: tags === undefined ? x : [...x, ...taggerFeatures(c, tags)],
        };
      });
  };
}
