import type { CodeSet } from '../../codes/code-set.js';
import type { Candidate } from '../candidate.js';

/** Makes an ICD-10-CM code from the candidate it stands for; undefined when the code set lacks it. */
export type CodeMaker = (code: string, from: Candidate, reason: string) => Candidate | undefined;

/**
 * The rules' code maker: the new code takes the candidate's evidence, confidence and assertion, with the
 * rule as its one reason; it is found, not guessed.
 * @param codeSet - the loaded code set
 */
export function createCodeMaker(codeSet: CodeSet): CodeMaker {
  return (code, from, reason) => {
    const info = codeSet.get(code, 'ICD-10-CM');
    if (info === undefined) {
      return undefined;
    }
    return {
      ...from,
      code: info.code,
      title: info.title,
      mentions: [...from.mentions],
      reasons: [reason],
      modifiers: [],
      guessed: false,
    };
  };
}
