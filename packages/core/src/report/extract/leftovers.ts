// What the rules left: a number nobody read, or bulletin wording without any figure read.
import type { Sentence } from './sentence.ts';

const LEFTOVER_RE = /\d+(?:[, ]\d+)*|[零〇一二两三四五六七八九十百千]+(?=例|名)/g;
const BULLETIN_WORDS_RE = /确诊病例|无症状感染者|治愈出院|死亡病例|尚在医学观察|接受医学观察|在院治疗|新增|累计/;

/** Runs last on a sentence: reports whatever number is left. Dates, times and ordinals are not counts. */
export function reportLeftovers(s: Sentence): void {
  for (const m of s.w.matchAll(LEFTOVER_RE)) {
    const after = s.w[m.index + m[0].length];
    if (after !== undefined && '年月日时分号楼栋层室'.includes(after)) continue;
    if (s.w[m.index - 1] === '第') continue;
    const end = m.index + m[0].length + (after !== undefined && '例人名'.includes(after) ? 1 : 0);
    s.report(m.index, end, 'number', `未能识别的数字「${s.originalText(m.index, end)}」`);
  }
  if (!s.touched && BULLETIN_WORDS_RE.test(s.w)) {
    s.report(0, s.w.length, 'no-figure', '有疫情通报用语，但没有读出数字');
  }
}
