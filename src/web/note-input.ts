/**
 * Where the note to code comes from: the pasted text or the chosen/dropped files. The last action
 * wins and the page says which one will be coded, so a file chosen earlier never silently overrides
 * a note pasted afterwards (nor the other way round).
 */

const TEXT_FILE = /\.(txt|text)$/i;
const KINDS: readonly [RegExp, string][] = [
  [/\.pdf$/i, 'a PDF'],
  [/\.docx?$/i, 'a Word document'],
  [/\.(rtf|odt)$/i, 'a word-processor document'],
  [/\.(png|jpe?g|gif|tiff?|bmp|heic)$/i, 'an image'],
];

/** Why a file cannot be read as a note, or `undefined` when it can. */
export function unsupportedReason(file: { name: string; type: string }): string | undefined {
  if (TEXT_FILE.test(file.name) || file.type === 'text/plain') {
    return undefined;
  }
  const kind = KINDS.find(([re]) => re.test(file.name))?.[1] ?? 'not a plain text file';
  return `${file.name} is ${kind.startsWith('not') ? kind : `${kind}, not plain text`}`;
}

export class NoteInput {
  private chosen: File[] = [];
  private last: 'text' | 'files' | 'none' = 'none';
  private refused: string[] = [];

  /** Takes a file list; unsupported files are refused with a reason. */
  setFiles(list: readonly File[]): void {
    this.refused = [];
    this.chosen = [];
    for (const f of list) {
      const why = unsupportedReason(f);
      if (why === undefined) {
        this.chosen.push(f);
      } else {
        this.refused.push(why);
      }
    }
    this.last = this.chosen.length > 0 ? 'files' : this.last === 'files' ? 'none' : this.last;
  }

  textChanged(text: string): void {
    this.last = text.trim() === '' ? (this.chosen.length > 0 ? 'files' : 'none') : 'text';
  }

  clear(): void {
    this.chosen = [];
    this.refused = [];
    this.last = 'none';
  }

  get files(): readonly File[] {
    return this.chosen;
  }

  /** What Submit will code: the files, the pasted text, or nothing. */
  get source(): 'text' | 'files' | 'none' {
    return this.last;
  }

  /** The refusals, in one sentence with what to do. */
  refusal(): string {
    return this.refused.length === 0
      ? ''
      : `Not used: ${this.refused.join('; ')}. Only plain text (.txt) notes can be read: save or export the note as text first.`;
  }

  /** Which input will be coded, when both are present. */
  choice(hasText: boolean): string {
    const names = this.chosen.map((f) => f.name).join(', ');
    if (this.last === 'files' && hasText) {
      return `The chosen file${this.chosen.length === 1 ? '' : 's'} (${names}) will be coded, not the pasted note (your last change).`;
    }
    if (this.last === 'text' && this.chosen.length > 0) {
      return `The pasted note will be coded, not the chosen file${this.chosen.length === 1 ? '' : 's'} (${names}): you edited the note last. Choose the files again to code them.`;
    }
    return '';
  }
}
