// Counts as bulletins write them: digits, with thousands separators, or small Chinese numerals.

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Small counts in Chinese numerals ('十二', '一百零五'); null when the numeral is malformed. */
export function parseChineseNumeral(s: string): number | null {
  let total = 0;
  let digit: number | null = null;
  let lastUnit = Infinity;
  let zeroSeen = false;
  for (const ch of s) {
    if (ch in CN_DIGITS) {
      const d = CN_DIGITS[ch]!;
      if (digit !== null && digit !== 0) return null;
      if (d === 0) zeroSeen = true;
      digit = d;
    } else {
      const unit = CN_UNITS[ch];
      if (unit === undefined || unit >= lastUnit || digit === 0) return null;
      total += (digit ?? 1) * unit;
      digit = null;
      lastUnit = unit;
    }
  }
  if (digit !== null) {
    // '一百五' is colloquial for 150; a bulletin would write 一百五十, so refuse rather than guess.
    if (lastUnit >= 100 && lastUnit !== Infinity && !zeroSeen) return null;
    total += digit;
  }
  return total;
}

export function parseCount(s: string): number | null {
  if (/^\d{1,3}(?:,\d{3})+$/.test(s) || /^\d+$/.test(s)) return Number(s.replaceAll(',', ''));
  return parseChineseNumeral(s);
}

/** A count as bulletins write it: '48', '10,253', '十二'. */
export const NUM = String.raw`(?<num>\d{1,3}(?:,\d{3})+(?!\d)|\d+|[零〇一二两三四五六七八九十百千]+)`;
