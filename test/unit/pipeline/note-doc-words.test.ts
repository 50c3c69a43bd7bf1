import { describe, expect, it } from 'vitest';
import { withTitleWords } from '../../../src/pipeline/note-doc.js';

const words = (stems: string[]): string[] => [...withTitleWords(new Set(stems))].sort();

describe('the words code titles use for what notes say otherwise', () => {
  it('names the limb a part belongs to', () => {
    expect(words(['abscess', 'left', 'thigh'])).toEqual(
      ['abscess', 'left', 'limb', 'lower', 'thigh', 'unilater'].sort(),
    );
    expect(words(['cellul', 'right', 'forearm'])).toContain('upper');
    expect(words(['edema', 'extrem'])).toContain('limb');
    expect(words(['chest', 'pain'])).toEqual(['chest', 'pain']);
  });

  it('names the spinal region of the levels a sentence gives', () => {
    expect(words(['stenosi', 'l4', '5'])).toContain('lumbar');
    expect(words(['hnp', 'l5', 's1'])).toEqual(['hnp', 'l5', 'lumbosacr', 's1']);
    expect(words(['disc', 'c5', 'c6'])).toContain('cervic');
    expect(words(['fusion', 'c7', 't1'])).toEqual(
      ['c7', 'cervic', 'cervicothorac', 'fusion', 't1', 'thorac'].sort(),
    );
    expect(words(['radiculopathi', 'l5'])).toContain('lumbar');
    expect(words(['both', 'knee'])).toContain('bilater');
    expect(words(['left', 'right', 'knee'])).not.toContain('unilater');
    expect(words(['left', 'knee'])).toContain('unilater');
  });
});
