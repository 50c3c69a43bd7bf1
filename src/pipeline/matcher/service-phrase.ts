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
  for (let t = last + 2; t <= last + 4 && tokens[t]?.sentence === next.sentence; t++) {
    if (services.results.has(tokens[t]?.norm ?? '')) {
      return false;
    }
  }
  return true;
}
