import type { Token } from '../../text/tokenize.js';
import type { Knowledge } from '../knowledge.js';

/**
 * "Stress test", "DVT prophylaxis", "HIV screening": a service word right after a condition's words
 * makes them name a test or a preventive measure, unless a result word follows it ("strep test
 * positive").
 * @param tokens - the note's tokens
 * @param last - the condition's last token
 * @param services - the service and result words
 */
export function isServicePhrase(
  tokens: readonly Token[],
  last: number,
  services: Knowledge['services'],
): boolean {
  const next = tokens[last + 1];
  if (
    next === undefined ||
    next.sentence !== tokens[last]?.sentence ||
    !services.words.has(next.norm)
  ) {
    return false;
  }
  return !resultWithin(tokens, last + 2, last + 4, next.sentence, services);
}

/** Whether a result word ("positive", "confirmed") stands in tokens `from..to`, within `sentence`. */
function resultWithin(
  tokens: readonly Token[],
  from: number,
  to: number,
  sentence: number,
  services: Knowledge['services'],
): boolean {
  for (let t = from; t <= to && tokens[t]?.sentence === sentence; t++) {
    if (services.results.has(tokens[t]?.norm ?? '')) {
      return true;
    }
  }
  return false;
}

/**
 * A service phrase inside a match whose words are spread ("allergy testing was ordered for food" read
 * as "food allergy"): a service word right after one of the match's words that is not itself one of
 * them (see {@link isServicePhrase}).
 * @param tokens - the note's tokens
 * @param positions - the token positions of the match's words
 * @param services - the service and result words
 */
export function hasServicePhrase(
  tokens: readonly Token[],
  positions: readonly number[],
  services: Knowledge['services'],
): boolean {
  return positions.some((p) => !positions.includes(p + 1) && isServicePhrase(tokens, p, services));
}

/**
 * "Dobutamine stress", "during stress", "treadmill stress": a test word right before a condition's
 * first word makes the words a phase of the test, unless a result word follows them.
 * @param tokens - the note's tokens
 * @param first - the condition's first token
 * @param last - the condition's last token
 * @param services - the service, result and test words
 */
export function isTestPhase(
  tokens: readonly Token[],
  first: number,
  last: number,
  services: Knowledge['services'],
): boolean {
  const previous = tokens[first - 1];
  if (
    previous === undefined ||
    previous.sentence !== tokens[first]?.sentence ||
    !services.before.has(previous.norm)
  ) {
    return false;
  }
  return !resultWithin(tokens, last + 1, last + 3, previous.sentence, services);
}
