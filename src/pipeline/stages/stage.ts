import type { NoteDoc } from '../note-doc.js';

/** One step of the pipeline: reads what the stages before it wrote into the note's document, adds its part. */
export type Stage = (doc: NoteDoc) => void;

/** A stage with the name the pipeline lists it under (and benchmarks time it by). */
export interface NamedStage {
  readonly name: string;
  readonly run: Stage;
}

/** The stages of an ordered `{ name: stage }` list, in its order. */
export function stageList(stages: Readonly<Record<string, Stage>>): NamedStage[] {
  return Object.entries(stages).map(([name, run]) => ({ name, run }));
}
