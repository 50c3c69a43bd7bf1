import { compileAbbreviations, tokenAliases } from '../aliases.js';
import type { Knowledge } from '../knowledge.js';
import type { Stage } from './stage.js';

/**
 * Abbreviations and word variants: the stems a token also stands for ("CHF" → congestive heart failure,
 * an ambiguous one only when its sentence holds a word it needs; "aortic" → aorta), and the neoplasm
 * word classes. Term matching reads them beside the tokens' own stems.
 * @param knowledge - its `abbreviations` and `variants` lexicons
 */
export function createAbbreviationsStage(knowledge: Knowledge): Stage {
  const table = compileAbbreviations(knowledge.abbreviations, knowledge.variants);
  return (doc) => {
    doc.aliases = tokenAliases(doc.words, table);
  };
}
