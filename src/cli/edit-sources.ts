import { resolve } from 'node:path';
import type { EditSources } from '../codes/edits/read-edit-tables.js';
import type { Config } from '../core/config.js';

/** The CMS edit files to compile: the command's options, else the environment's. */
export function editSources(
  config: Pick<Config, 'mueSource' | 'ncciSource' | 'addonsSource'>,
  opts: { mue?: string[]; ncci?: string[]; addons?: string[] } = {},
): EditSources {
  const pick = (given: string[] | undefined, env: string[] | undefined): string[] | undefined =>
    (given ?? env)?.map((p) => resolve(p));
  const mue = pick(opts.mue, config.mueSource);
  const ncci = pick(opts.ncci, config.ncciSource);
  const addons = pick(opts.addons, config.addonsSource);
  return {
    ...(mue ? { mue } : {}),
    ...(ncci ? { ncci } : {}),
    ...(addons ? { addons } : {}),
  };
}

/** The edit tables a build compiled, in one line (or what is missing). */
export function editsLine(sources: readonly { name: string; kind: string }[]): string {
  const edits = sources.filter((s) => s.kind.startsWith('edits-'));
  return edits.length === 0
    ? 'none (claim lines are not checked against MUE, NCCI PTP or add-on edits: give --mue, --ncci, --addons)'
    : edits.map((s) => `${s.kind.slice(6)} ${s.name}`).join('; ');
}
