// Normalisation: one character of the working text per kept character of the original, so
// offsets map back through `map`. Whitespace is dropped ("48 例", line breaks from a PDF), except
// between two digits, where joining would invent a number, and blank lines, which end a paragraph.
// Traditional characters (確診, 時, 無症狀) are read as their simplified forms, character by
// character (OpenCC's dictionaries, Hong Kong and Taiwan forms included), so the rules see one
// vocabulary and every offset still points at the character as typed. A date or an hour in Chinese
// numerals (一月十三日零时至十二时) is read as digits, each mapped to the numeral it stands for.
import { Converter } from 'opencc-js/t2cn';
import { parseChineseNumeral } from './numbers.ts';

const DASHES = new Set(['—', '–', '―', '‒', '－', '-', '‐', '‑', '~', '～', '〜', '⁓']);
// 癥 (無癥狀 in mainland traditional text) is 症 here; OpenCC keeps it apart (癥结).
const CHAR_MAP: Record<string, string> = { '（': '(', '）': ')', '：': ':', '；': ';', '！': '!', '？': '?', 癥: '症' };
/** Chinese numerals right before 月, 日 or 时 (a date or an hour): '十三日', '零時'. */
const DATE_NUMERAL_RE = /^[零〇一二两三四五六七八九十]{1,3}(?=[月日时時點点])/;

/** A pinyin reading in parentheses right after a character: letters with tone marks only. */
const RUBY_RE = /^[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,6}[)）]/;
const CJK_RE = /[\u4e00-\u9fff]/;
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** Traditional → simplified for one character, through each regional form; the character itself when it has no one-character simplified form. */
const toSimplified = (() => {
  let converters: Array<(text: string) => string> | null = null;
  const known = new Map<string, string>();
  return (c: string): string => {
    // Plain ASCII and the common CJK punctuation never change.
    if (c.charCodeAt(0) < 0x2e80) return c;
    let out = known.get(c);
    if (out === undefined) {
      converters ??= (['hk', 'tw', 't'] as const).map((from) => Converter({ from, to: 'cn' }));
      out = c;
      for (const convert of converters) {
        const converted = convert(c);
        if (converted !== c && converted.length === c.length) {
          out = converted;
          break;
        }
      }
      known.set(c, out);
    }
    return out;
  };
})();

function normaliseChar(c: string): string {
  const code = c.charCodeAt(0);
  if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xff10 + 48);
  if (DASHES.has(c)) return '—';
  return CHAR_MAP[c] ?? toSimplified(c);
}

export interface Normalised {
  text: string;
  /** map[i] is the index in the original of text[i]; map[text.length] is the original's length. */
  map: number[];
}

export function normalise(original: string): Normalised {
  const out: string[] = [];
  const map: number[] = [];
  let i = 0;
  while (i < original.length) {
    const c = original[i]!;
    if (/\s/.test(c)) {
      let j = i;
      let newlines = 0;
      while (j < original.length && /\s/.test(original[j]!)) {
        if (original[j] === '\n') newlines += 1;
        j += 1;
      }
      if (newlines >= 2) {
        out.push('\n');
        map.push(i);
      } else if (isDigit(out[out.length - 1]) && j < original.length && isDigit(normaliseChar(original[j]!))) {
        out.push(' ');
        map.push(i);
      }
      i = j;
      continue;
    }
    const numeral = DATE_NUMERAL_RE.exec(original.slice(i, i + 4));
    const value = numeral ? parseChineseNumeral(numeral[0]) : null;
    if (numeral && value !== null && value <= 31) {
      // Each digit maps to the numeral's characters in turn (the last one takes the rest).
      const digits = String(value);
      for (let k = 0; k < digits.length; k += 1) {
        out.push(digits[k]!);
        map.push(i + Math.min(k, numeral[0].length - 1));
      }
      i += numeral[0].length;
      continue;
    }
    // A clock time after a day ('8日10:00', '8日10:30'): the hour as bulletins write it ('8日10时', '8日10时30分').
    // '早上' or '上午' before the hour says nothing more ('8日早上10时').
    const prev = out[out.length - 1];
    // Also the end of a range of clock times ('1月20日0:00-24:00').
    const rangeEnd = (prev === '—' || prev === '至' || prev === '到') && out.slice(-8).includes('时');
    if (prev === '日' || rangeEnd) {
      const morning = /^(?:早上|上午|凌晨)(?=\d|[零〇一二两三四五六七八九十])/.exec(original.slice(i, i + 3));
      if (morning) {
        i += morning[0].length;
        continue;
      }
      const clock = /^(\d{1,2})[:：](\d{2})(?!\d)/.exec(original.slice(i, i + 6));
      if (clock) {
        const [, hour, minute] = clock as unknown as [string, string, string];
        for (let k = 0; k < hour.length; k += 1) {
          out.push(hour[k]!);
          map.push(i + k);
        }
        out.push('时');
        map.push(i + hour.length);
        if (minute !== '00') {
          for (let k = 0; k < 2; k += 1) {
            out.push(minute[k]!);
            map.push(i + hour.length + 1 + k);
          }
          out.push('分');
          map.push(i + hour.length + 2);
        }
        i += clock[0].length;
        continue;
      }
    }
    // A pinyin reading after a character, as pages of some sites carry ('時(shí)', '累計(jì)'): not text.
    const ruby = RUBY_RE.exec(original.slice(i, i + 12));
    if (ruby && i > 0 && CJK_RE.test(original[i - 1]!)) {
      i += ruby[0].length;
      continue;
    }
    out.push(normaliseChar(c));
    map.push(i);
    i += 1;
  }
  map.push(original.length);
  return { text: out.join(''), map };
}

/** Sentences end at 。！？, a blank line, or a semicolon outside parentheses. */
export function sentenceRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '(') depth += 1;
    else if (c === ')') depth = Math.max(0, depth - 1);
    const hard = c === '。' || c === '\n' || c === '!' || c === '?';
    if (hard || (c === ';' && depth === 0)) {
      if (i > from) ranges.push([from, i]);
      from = i + 1;
      if (hard) depth = 0;
    }
  }
  if (text.length > from) ranges.push([from, text.length]);
  return ranges;
}
