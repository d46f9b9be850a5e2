import { describe, expect, it } from 'vitest';
import { nameText, optionalText, requiredText } from './zod.ts';

describe('text as people type it', () => {
  it('takes out what no reader can see: zero-width characters and bidirectional controls', () => {
    expect(requiredText(20).parse('通告\u200B第1号\u202E')).toBe('通告第1号');
    expect(optionalText(20).parse('\uFEFF说明\u2066')).toBe('说明');
    // Nothing left but invisible characters: empty, so required text is refused.
    expect(requiredText(20).safeParse('\u200B\u200D').success).toBe(false);
  });

  it('keeps a name on one line: line breaks, tabs and controls become one space', () => {
    expect(nameText(50).parse('西\u200B里\u202E村\r\n二组\t三号楼\u0000')).toBe('西里村 二组 三号楼');
  });
});
