import { loadNameLists } from './name-lists.js';
import { createRedactor, type Redactor } from './redactor.js';

let shared: Redactor | undefined;

/** The redactor over the shipped name lists, loaded once per process or thread at first use. */
export function sharedRedactor(): Redactor {
  shared ??= createRedactor({ names: loadNameLists() });
  return shared;
}
