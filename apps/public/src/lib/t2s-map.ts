// Build time only: a traditional → simplified character map restricted to the characters of the
// indexed names, computed with OpenCC (opencc-js). The lookup ships this small map instead of a
// converter, so a query typed in traditional characters (小果莊) finds the simplified name.
import * as OpenCC from 'opencc-js';

type Convert = (text: string) => string;

let converters: Convert[] | null = null;
/** Simplified (mainland) → traditional: OpenCC's standard, Taiwan, Taiwan-with-phrases and Hong Kong forms. */
function simplifiedToTraditional(): Convert[] {
  converters ??= (['t', 'tw', 'twp', 'hk'] as const).map((to) => OpenCC.Converter({ from: 'cn', to }));
  return converters;
}

/**
 * Single-character pairs of OpenCC's dictionaries towards simplified: traditional → simplified,
 * and Taiwan / Hong Kong forms → OpenCC's standard traditional form.
 */
function dictionaryPairs(): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  const groups = [OpenCC.Locale.to.cn, OpenCC.Locale.from.tw, OpenCC.Locale.from.hk].flatMap((g) => g ?? []);
  for (const group of groups) {
    for (const dict of group) {
      const entries = typeof dict === 'string' ? dict.split('|').map((e) => e.split(' ') as [string, string]) : dict;
      for (const [from, to] of entries) {
        if (!from || !to) continue;
        const src = Array.from(from);
        // Values may list alternatives ('乾 干 乾'): the first is the conversion.
        const dst = Array.from(to.split(' ')[0]!);
        if (src.length === 1 && dst.length === 1) pairs.push([src[0]!, dst[0]!]);
      }
    }
  }
  return pairs;
}

/**
 * Traditional → simplified for the characters of `texts`: each character is converted to its
 * traditional forms, and OpenCC's character dictionaries add every other traditional or regional
 * form that simplifies to an indexed character (乾 and 幹 both → 干; 髮 and 發 → 发), which covers
 * the forms that depend on the word a character is in. Returns a map from each such form to the
 * indexed character.
 */
export function buildT2sMap(texts: Iterable<string>): Map<string, string> {
  const wanted = new Set<string>();
  for (const text of texts) for (const ch of text) if (/\p{Script=Han}/u.test(ch)) wanted.add(ch);
  const map = new Map<string, string>();
  const add = (traditional: string, simplified: string) => {
    if (traditional !== simplified && wanted.has(simplified) && !map.has(traditional)) map.set(traditional, simplified);
  };
  for (const convert of simplifiedToTraditional()) for (const ch of wanted) add(convert(ch), ch);
  // Regional forms first map to OpenCC's standard traditional form; follow them to simplified.
  const pairs = dictionaryPairs();
  const toSimplified = new Map<string, string>();
  for (const [from, to] of pairs) if (!toSimplified.has(from)) toSimplified.set(from, to);
  for (const [from] of pairs) {
    let ch = from;
    for (let hops = 0; hops < 3 && toSimplified.has(ch) && toSimplified.get(ch) !== ch; hops++) ch = toSimplified.get(ch)!;
    add(from, ch);
  }
  return map;
}

/** The map as the index ships it: a string of (traditional, simplified) character pairs, sorted. */
export function charMapToPairs(map: ReadonlyMap<string, string>): string {
  return [...map.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([from, to]) => from + to)
    .join('');
}
