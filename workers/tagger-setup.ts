import type { Config } from '../src/core/config.js';
import type { Logger } from '../src/core/logger.js';
import type { TaggerSetup } from '../src/pipeline/tagged-detector.js';

/** The tagger settings from the configuration; a fallback warning goes to the log. */
export function taggerSetup(config: Config, log: Logger): TaggerSetup {
  return {
    dir: config.taggerDir,
    enabled: config.tagger,
    allowFallback: config.allowTaggerFallback,
    onWarning: (message) => {
      log.warn(message, { component: 'tagger' });
    },
  };
}
