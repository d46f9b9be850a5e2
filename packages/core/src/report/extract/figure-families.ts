// The families of figures a bulletin states, each read by its own rules in a fixed order: the
// reclassified cases first (so "转为确诊病例3例" is not read as 3 new confirmed cases), then
// explicit zeros, people under observation and in hospital, and last the new and cumulative counts.
import type { ExtractedCountField } from './types.ts';
import { placeFigure, readBreakdownAfter } from './figure.ts';
import { NUM, parseCount } from './numbers.ts';
import { scopeOf, type Scope } from './places.ts';
import type { Sentence } from './sentence.ts';

const RECLASS_LEAD_RE = new RegExp(
  `(?<lead>其中|另有|另|含|包括|\\d+例中)?${NUM}例(?:为|系|是)?(?:此前|之前|既往|前期)?(?:报告的|通报的)?(?:新冠肺炎)?无症状(?:感染者)?(?:转为|转归为|订正为|转)确诊(?:病例)?`,
  'dg',
);
const RECLASS_TRAIL_RE = new RegExp(
  `(?<lead>其中|另有|另|含|包括|新增|当日|今日)?(?:新冠肺炎)?无症状感染者(?:转为|转归为|订正为|转)确诊(?:病例)?(?:为|共|:)?${NUM}(?<unit>例|人|名)`,
  'dg',
);
/** A province's count said to be all the city's. */
const ALL_IN_CITY_RE = /(?:全部|均)(?:为|在|来自|是|系)石家庄/;
/** The same, right after the count's parentheses. */
const ALL_IN_CITY_AFTER_RE = /^[,，]?(?:全部|均)(?:为|在|来自|是|系)石家庄/;
/** What ends right before a reclassification that is part of a confirmed count: the count, then '(' or a comma. */
const AFTER_CONFIRMED_COUNT_RE = new RegExp(
  `(?:确诊病例|确诊患者|确诊)${NUM}例[(,，]$|${NUM}例(?:本地|本土)?(?:新型冠状病毒肺炎|新冠肺炎)?确诊病例[(,，]$|(?:市|区|县)(?:报告|新增)?${NUM}例\\($`,
);
/** The place of a breakdown's count right before '(': '石家庄市报告75例(', '邢台市报告6例('. */
const LISTED_PLACE_RE = /(?<place>[\u4e00-\u9fff]{1,8}?(?:市|县|区))(?:报告|新增)?\d+例\($/;

/** '无新增死亡病例': an explicit zero. */
const NONE_RE =
  /(?:无|没有|未)新增(?:新型冠状病毒肺炎|新冠肺炎)?(?:本土|本地)?(?<kind>确诊病例|无症状感染者|治愈出院(?:病例)?|出院病例|死亡病例)/dg;
/** '已经连续6天无新增…': a run of days, not the period's own zero. */
const RUN_OF_DAYS_RE = /连续(?:\d+|[一二两三四五六七八九十]+)(?:天|日)$/;

const TREATMENT_RE = new RegExp(
  `(?:目前|现|仍|均)?(?:在院治疗|在院接受治疗|住院治疗|在定点医院(?:集中)?(?:救治|治疗)|定点医院(?:集中)?(?:救治|治疗)|集中救治)(?:的)?(?:确诊病例|病例|患者|病人)?(?:共|为|有|:)?${NUM}(?<unit>例|人|名)`,
  'dg',
);
/** '共有确诊病例600例在定点医院救治': the count before where they are treated. */
const TREATMENT_NUM_FIRST_RE = new RegExp(
  `(?:共有|现有|有)(?:确诊病例|确诊患者|患者|病例)${NUM}(?<unit>例|人|名)(?:正)?在(?:定点医院|医院)(?:集中)?(?:救治|治疗)`,
  'dg',
);
const TREATMENT_NO_COUNT_RE =
  /(?:除(?:已经|已)?出院(?:的)?(?:康复者|患者|病例)外[,，]?)?(?:其他|其余|其它)?(?:患者|病例)?均在(?:定点医院)?(?:集中)?(?:救治|治疗)/dg;
const OBSERVATION_ASYMPTOMATIC_RE = new RegExp(
  `(?:尚在|正在|仍在)(?:接受)?(?:集中|居家)?(?:隔离)?医学观察(?:的)?(?:新冠肺炎)?无症状感染者(?:共|为|:)?${NUM}(?<unit>例|人|名)`,
  'dg',
);
/** '另有181例无症状感染者正在进行医学观察': the count before the words. */
const OBSERVATION_NUM_FIRST_RE = new RegExp(
  `${NUM}(?<unit>例|人|名)(?:新冠肺炎)?无症状感染者(?:正在|尚在|仍在)(?:进行|接受)?(?:集中|居家)?(?:隔离)?医学观察`,
  'dg',
);
/** '累计解除集中医学观察155例': asymptomatic cases released from medical observation, in all. */
const RELEASED_RE = new RegExp(
  `累计(?:新冠肺炎)?(?:无症状感染者)?解除(?:集中)?(?:隔离)?医学观察(?:的)?(?:无症状感染者)?(?:共|为|:)?${NUM}(?<unit>例|人|名)`,
  'dg',
);
/** '新增解除医学观察无症状感染者5例': released in the period (not new asymptomatic cases). */
const NEW_RELEASED_RE = new RegExp(
  `(?:新增|当日|今日)?解除(?:集中)?(?:隔离)?医学观察(?:的)?(?:新冠肺炎)?(?:无症状感染者)?(?:共|为|:)?${NUM}(?<unit>例|人|名)`,
  'dg',
);
const NEW_RELEASED_NUM_FIRST_RE = new RegExp(`${NUM}(?<unit>例|人|名)(?:新冠肺炎)?无症状感染者解除(?:集中)?(?:隔离)?医学观察`, 'dg');
/** '累计新冠肺炎确诊病例治愈出院526例': the cases are named before the discharge. */
const CUMULATIVE_DISCHARGED_RE = new RegExp(
  `累计(?:报告)?(?:新型冠状病毒肺炎|新冠肺炎)?(?:本土|本地)?(?:确诊病例|确诊患者)(?:治愈出院|出院)(?:病例|患者)?(?:共|为|:)?${NUM}(?<unit>例|人|名)`,
  'dg',
);
/** '有57例新冠肺炎确诊病例治愈出院': the count before the discharge, in the period stated. */
const DISCHARGED_NUM_FIRST_RE = new RegExp(
  `有${NUM}(?<unit>例|人|名)(?:新型冠状病毒肺炎|新冠肺炎)?(?:本土|本地)?(?:确诊病例|确诊患者|患者|病例)?(?:治愈出院|出院)`,
  'dg',
);
/** '有83名新冠肺炎治愈康复人员从定点康复医院出院': people who recovered, leaving the rehabilitation hospital, not discharges. */
const RECOVERED_RE = new RegExp(`${NUM}(?<unit>名|人|例)(?:新冠肺炎)?(?:治愈)?康复(?:人员|者|患者)`, 'dg');

/** '累计报告确诊病例和无症状感染者369例': one count for both, kept as stated. */
const COMBINED_RE = new RegExp(
  `(?:累计)?(?:报告)?(?:新型冠状病毒肺炎|新冠肺炎)?(?:本土|本地)?确诊病例(?:和|及|与)(?:新冠肺炎)?无症状感染者(?:共|合计|共计)?${NUM}(?<unit>例|人|名)`,
  'dg',
);
const OBSERVATION_RE = new RegExp(
  `(?:尚在|正在|仍在)(?:接受)?(?:集中|居家)?(?:隔离)?医学观察(?:的)?(?:密切接触者|密接者|密接|人员)?(?:共|为|:)?${NUM}(?<unit>人|名)`,
  'dg',
);

/** The disease as bulletins (and Hong Kong reports: 新型肺炎) name it. */
const DISEASE = '(?:新型冠状病毒肺炎|新冠肺炎|新型肺炎)';
/** A count's unit: 例, 人, 名, and 宗 or 起 as Hong Kong reports write it. */
const UNIT = '(?<unit>例|人|名|宗|起)';

const MEASURE_RE = new RegExp(
  `(?<mode>今日新增|当日新增|累计新增|新增|累计|现有)?(?:报告|发现|确认)?${DISEASE}?(?<imported>境外输入|输入性)?(?:本土|本地)?${DISEASE}?` +
    '(?<kind>确诊病例|确诊患者|确诊个案|确诊新冠肺炎病例|确诊新冠病例|确诊|无症状感染者|无症状感染个案|无症状|治愈出院病例|治愈出院患者|治愈出院|出院病例|出院患者|出院|死亡病例|死亡|(?<=本土|本地)病例)' +
    // A note on the cases between the kind and the count: '确诊病例（轻型）1例'.
    `(?:\\([^)]{1,6}\\))?(?:人数|数)?(?:为|共|:|达到|达)?${NUM}${UNIT}`,
  'dg',
);

/** Hong Kong reports' words for new cases: '再多48宗確診病例' (another 48 confirmed cases). */
const MORE = '再多|又多|再增|又增';

/** The provincial bulletins' order, the count before its kind: '新增50例本地确诊病例', '新增治愈出院43例' stays with the rule above. */
const MEASURE_NUM_FIRST_RE = new RegExp(
  // Without 新增/累计 only right after a separator, taking the mode of the count before it ('（…），67例无症状感染者').
  `(?:(?<mode>今日新增|当日新增|累计新增|新增|累计|现有|已有|${MORE})的?(?:报告|发现|确认)?|(?<=[,，、和及的]|并有|另有))${NUM}${UNIT}(?<imported>境外输入|输入性)?${DISEASE}?(?:本土|本地)?${DISEASE}?` +
    // Hong Kong reports: '無病徵確診個案' (asymptomatic); a bare '确诊' last ('新增14例本地确诊，').
    // '新增20例本土病例': local cases are confirmed ones (a count of both kinds comes with its breakdown, above).
    // '新增30宗本地無症狀感染' (no 者), '河北省的90宗新病例' (new cases: confirmed ones, as Hong Kong reports count them).
    '(?<kind>确诊病例|确诊患者|确诊个案|无病征确诊个案|无病征个案|无病征感染者|无症状感染者|无症状感染个案|无症状感染|治愈出院病例|出院病例|死亡病例|确诊|(?<=本土|本地)病例|(?<=\\d(?:例|宗))新病例)',
  'dg',
);

/** New cases of both kinds in one count, before their breakdown: '新增本土病例120例，其中确诊病例51例…'. */
const NEW_CASES_RE = new RegExp(`新增(?:报告)?(?:本土|本地)?(?:病例|感染者|阳性感染者)${NUM}${UNIT}(?=[,，]?其中(?:确诊|无症状))`, 'dg');

/** '在河北新增的确诊病例中，石家庄市即报告11例': the city's share of the province's new cases of one kind. */
const SHARE_OF_NEW_RE = new RegExp(
  `新增的(?:本地|本土)?(?<kind>确诊病例|无症状感染者)中[,，](?:其中)?(?:石家庄市|石家庄)(?:即|共|已)?(?:报告|有)${NUM}${UNIT}`,
  'dg',
);

type Kind = 'confirmed' | 'asymptomatic' | 'discharged' | 'deaths';
type Mode = '新增' | '累计' | '现有';

const KIND_LABEL: Record<Kind, string> = {
  confirmed: '确诊病例',
  asymptomatic: '无症状感染者',
  discharged: '治愈出院',
  deaths: '死亡病例',
};

function kindOf(word: string): Kind {
  if (word.startsWith('确诊') || word === '病例' || word === '新病例') return 'confirmed';
  if (word.startsWith('无症状') || word.startsWith('无病征')) return 'asymptomatic';
  if (word.includes('出院')) return 'discharged';
  return 'deaths';
}

const FIELD_BY_MODE: Record<Mode, Partial<Record<Kind, ExtractedCountField>>> = {
  新增: { confirmed: 'newConfirmed', asymptomatic: 'newAsymptomatic', discharged: 'newDischarged', deaths: 'newDeaths' },
  累计: {
    confirmed: 'cumulativeConfirmed',
    asymptomatic: 'cumulativeAsymptomatic',
    discharged: 'cumulativeDischarged',
    deaths: 'cumulativeDeaths',
  },
  // Current figures: the state at the period's end.
  现有: { confirmed: 'underTreatment', asymptomatic: 'underObservation' },
};

/** Reads every figure of a sentence; `scopeAt` says whose figure a position states. */
export function readFigures(s: Sentence, scopeAt: (pos: number) => Scope): void {
  readReclassified(s, scopeAt);
  readExplicitZeros(s, scopeAt);
  readObservation(s, scopeAt);
  readTreatment(s, scopeAt);
  readCount(s, COMBINED_RE, 'combinedTotal', '确诊病例和无症状感染者合计', scopeAt);
  readCount(s, RELEASED_RE, 'cumulativeReleased', '累计解除医学观察', scopeAt);
  // '解除医学观察无症状感染者5例', '8例无症状感染者解除隔离医学观察': released in the period, which the form does not count.
  for (const re of [NEW_RELEASED_RE, NEW_RELEASED_NUM_FIRST_RE]) {
    for (const m of s.matches(re)) {
      s.consume(m.index, m.index + m[0].length);
      s.report(m.index, m.index + m[0].length, 'unsupported', '本期解除医学观察的无症状感染者人数，表单没有这一项（只有累计解除医学观察）');
    }
  }
  readCount(s, CUMULATIVE_DISCHARGED_RE, 'cumulativeDischarged', '累计治愈出院', scopeAt);
  for (const m of s.matches(RECOVERED_RE)) {
    s.consume(m.index, m.index + m[0].length);
    s.report(m.index, m.index + m[0].length, 'unsupported', '康复人员（出院后在康复医院或居家医学观察）的人数不是治愈出院数，未填入');
  }
  readCount(s, DISCHARGED_NUM_FIRST_RE, 'newDischarged', '治愈出院', scopeAt);
  for (const m of s.matches(SHARE_OF_NEW_RE)) {
    const field = kindOf(m.groups!.kind!) === 'confirmed' ? 'newConfirmed' : 'newAsymptomatic';
    const [ns, ne] = m.indices!.groups!.num!;
    const [ls, le] = [m.index, m.index + m[0].length];
    placeFigure(s, {
      field,
      label: `新增${m.groups!.kind!}`,
      value: parseCount(m.groups!.num!),
      ls,
      le,
      ns,
      ne,
      scope: { kind: 'city' },
      list: false,
    });
  }
  readCounts(s, scopeAt);
  // '新增确诊病例中，藁城区11例，新华区3例': the city's new cases by district, after the count was given.
  for (const m of s.matches(BREAKDOWN_OF_NEW_RE)) {
    const at = m.index + m[0].length - 1;
    if (scopeAt(m.index).kind !== 'city') continue;
    const kind = kindOf(m.groups!.kind!);
    if (readBreakdownAfter(s, at, FIELD_BY_MODE.新增[kind]!, `新增${KIND_LABEL[kind]}`)) s.consume(m.index, at);
  }
}

/** '新增确诊病例中，…' at the start of a clause: what follows is the new cases by district. */
const BREAKDOWN_OF_NEW_RE = /(?<=^|[,，。;])(?:在)?新增(?:的)?(?:本地|本土)?(?:新冠肺炎)?(?<kind>确诊病例|无症状感染者)中/dg;

/** Asymptomatic cases reclassified as confirmed: "其中3例为无症状感染者转为确诊病例", "另有…". */
function readReclassified(s: Sentence, scopeAt: (pos: number) => Scope): void {
  for (const re of [RECLASS_LEAD_RE, RECLASS_TRAIL_RE]) {
    for (const m of s.matches(re)) {
      const [ls, le] = [m.index, m.index + m[0].length];
      const [ns, ne] = m.indices!.groups!.num!;
      const lead = m.groups!.lead;
      // '40例中26例为…': part of the count of 40.
      const inclusive = lead === '其中' || lead === '含' || lead === '包括' || /例中$/.test(lead ?? '');
      // Right after a confirmed count, in parentheses or after a comma ('75例（9例为…）', '50例确诊病例，2例为…'): part of it.
      const before = s.w.slice(0, ls);
      const afterCount = re === RECLASS_LEAD_RE && !lead && AFTER_CONFIRMED_COUNT_RE.test(before);
      if (re === RECLASS_LEAD_RE && !lead && !afterCount) {
        s.consume(ls, le);
        s.report(ls, le, 'ambiguous', '看不出这些转确诊病例是否已包含在新增确诊数中（通报通常写“其中…”或“另有…”）');
        continue;
      }
      // In a province's breakdown the count it belongs to names its city: the city's, or another's.
      const listed = afterCount ? LISTED_PLACE_RE.exec(before) : null;
      let scope = listed ? scopeOf(listed.groups!.place!.replace(/^(?:其中|另)/, '')) : scopeAt(ls);
      // '河北省新增40例…，全部在石家庄市（…），40例中26例为…': the province's count is all the city's, and so is its part.
      if (scope.kind === 'province' && /例中$/.test(lead ?? '') && ALL_IN_CITY_RE.test(s.w)) scope = { kind: 'city' };
      // '河北省新增5例本土确诊病例（1例为无症状转确诊），均在石家庄市藁城区': so is the part in its parentheses.
      if (scope.kind === 'province' && afterCount && before.endsWith('(')) {
        const close = s.w.indexOf(')', le);
        if (close >= 0 && ALL_IN_CITY_AFTER_RE.test(s.w.slice(close + 1))) scope = { kind: 'city' };
      }
      if (re === RECLASS_TRAIL_RE && !inclusive && lead !== '另有' && lead !== '另' && scope.kind === 'city') {
        s.note(ls, le, '转确诊按单列的数字读取，视为未包含在新增确诊中；如通报的新增确诊已含这些病例，请相应调整');
      }
      placeFigure(s, {
        field: 'reclassifiedConfirmed',
        label: '无症状感染者转确诊',
        value: parseCount(m.groups!.num!),
        ls,
        le,
        ns,
        ne,
        scope,
        inclusive: inclusive || afterCount,
        list: false,
      });
    }
  }
}

/** '无新增死亡病例': an explicit zero. */
function readExplicitZeros(s: Sentence, scopeAt: (pos: number) => Scope): void {
  for (const m of s.matches(NONE_RE)) {
    const [ls, le] = [m.index, m.index + m[0].length];
    const run = RUN_OF_DAYS_RE.exec(s.w.slice(0, ls));
    if (run) {
      s.consume(run.index, le);
      s.report(run.index, le, 'unsupported', '“连续多日无新增”说的是一段日子，不是本期的数字，未填入');
      continue;
    }
    const kind = kindOf(m.groups!.kind!);
    placeFigure(s, {
      field: FIELD_BY_MODE.新增[kind] ?? null,
      label: KIND_LABEL[kind],
      value: 0,
      ls,
      le,
      ns: ls,
      ne: le,
      scope: scopeAt(ls),
      list: false,
    });
  }
}

/** A figure whose whole phrase `re` matches, its number in the group `num` ('在院治疗的确诊病例36例'). */
function readCount(s: Sentence, re: RegExp, field: ExtractedCountField, label: string, scopeAt: (pos: number) => Scope): void {
  for (const m of s.matches(re)) {
    const [ns, ne] = m.indices!.groups!.num!;
    const [ls, le] = [m.index, m.index + m[0].length];
    placeFigure(s, { field, label, value: parseCount(m.groups!.num!), ls, le, ns, ne, scope: scopeAt(ls), list: false });
  }
}

/**
 * Asymptomatic cases under medical observation (现有无症状), a current figure; people under medical
 * observation without the word (close contacts) are isolation figures, not the report's.
 */
function readObservation(s: Sentence, scopeAt: (pos: number) => Scope): void {
  readCount(s, OBSERVATION_ASYMPTOMATIC_RE, 'underObservation', '尚在医学观察的无症状感染者', scopeAt);
  readCount(s, OBSERVATION_NUM_FIRST_RE, 'underObservation', '尚在医学观察的无症状感染者', scopeAt);
  for (const m of s.matches(OBSERVATION_RE)) {
    s.consume(m.index, m.index + m[0].length);
    s.report(
      m.index,
      m.index + m[0].length,
      'unsupported',
      '医学观察人员（密切接触者等）的人数属于集中隔离情况，不是疫情通报的数字，未填入',
    );
  }
}

/** Patients in hospital, and the sentence that says they are without a number. */
function readTreatment(s: Sentence, scopeAt: (pos: number) => Scope): void {
  readCount(s, TREATMENT_RE, 'underTreatment', '在院治疗人数', scopeAt);
  readCount(s, TREATMENT_NUM_FIRST_RE, 'underTreatment', '在院治疗人数', scopeAt);
  for (const m of s.matches(TREATMENT_NO_COUNT_RE)) {
    s.consume(m.index, m.index + m[0].length);
    s.note(m.index, m.index + m[0].length, '通报说明在定点医院救治，但没有给出在院治疗人数');
  }
}

/**
 * New and cumulative counts. Without 新增/累计 a count takes the one before it in the sentence
 * ("新增确诊病例48例、无症状感染者10例").
 */
function readCounts(s: Sentence, scopeAt: (pos: number) => Scope): void {
  let mode: Mode | null = null;
  // Both orders, in the order they stand in the sentence (they never overlap: each needs its own kind word).
  const umbrellas = s.matches(NEW_CASES_RE);
  const found = [...umbrellas, ...s.matches(MEASURE_RE), ...s.matches(MEASURE_NUM_FIRST_RE)].sort((a, b) => a.index - b.index);
  for (const m of found) {
    const g = m.groups!;
    const [ls, le] = [m.index, m.index + m[0].length];
    if (umbrellas.includes(m)) {
      // '新增本土病例120例，其中确诊病例51例…，无症状感染者69例…': the counts that follow are new ones.
      mode = '新增';
      s.consume(ls, le);
      s.report(ls, le, 'unsupported', '确诊病例与无症状感染者合计的新增数，表单没有这一项；其后的分项按新增读取');
      continue;
    }
    const [ns, ne] = m.indices!.groups!.num!;
    // '累计新增确诊病例123例' (since a date), '已有223例确诊病例': cumulative.
    const stated =
      g.mode === undefined
        ? g.kind === '新病例'
          ? '新增'
          : null
        : g.mode.startsWith('累计') || g.mode === '已有'
          ? '累计'
          : g.mode.endsWith('新增') || MORE.split('|').includes(g.mode)
            ? '新增'
            : (g.mode as Mode);
    // '1月2日至8日10时，…确诊共127例', '截至1月8日10时，…确诊病例127例': a count in a sentence of cumulative counts.
    mode = stated ?? mode ?? (s.cumulativeRange ? '累计' : null);
    const kind = kindOf(g.kind!);
    if (g.imported) {
      s.consume(ls, le);
      s.report(ls, le, 'unsupported', '境外输入病例不计入本地疫情通报的数字');
      continue;
    }
    if (mode === null) {
      s.consume(ls, le);
      s.report(ls, le, 'ambiguous', `没有写明是新增还是累计${KIND_LABEL[kind]}`);
      continue;
    }
    const field = FIELD_BY_MODE[mode][kind] ?? null;
    placeFigure(s, {
      field,
      noField: mode === '现有' ? `表单没有“现有${KIND_LABEL[kind]}”一项` : `表单没有累计${KIND_LABEL[kind]}一项`,
      label: `${mode}${KIND_LABEL[kind]}`,
      value: parseCount(g.num!),
      ls,
      le,
      ns,
      ne,
      scope: scopeAt(ls),
      list: true,
    });
  }
}
