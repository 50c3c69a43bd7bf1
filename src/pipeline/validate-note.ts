import { createError } from '../core/errors.js';
import type { Note } from '../core/types.js';

/**
 * Throws the catalogued error for a note the pipeline cannot read: NOTE_EMPTY for blank text,
 * NOTE_TOO_LARGE past `maxChars` characters.
 * @param maxChars - the longest note accepted
 */
export function validateNote(note: Note, maxChars: number): void {
  if (note.text.trim() === '') {
    throw createError('NOTE_EMPTY', 'the note has no text', { noteId: note.id });
  }
  if (note.text.length > maxChars) {
    throw createError(
      'NOTE_TOO_LARGE',
      `the note has ${note.text.length} characters; the limit is ${maxChars}`,
      { noteId: note.id, limit: maxChars },
    );
  }
}
