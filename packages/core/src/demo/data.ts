// The demo city: clean records extracted by hand from two pages of 石家庄日报 (6 and 16 January 2021).
// Publication times are the demo's narrative (the day each item appeared), shown in Asia/Shanghai.
import type { BulletinContentInput } from '../bulletin/schema.ts';
import type { IsolationFacilityInput, IsolationSnapshotInput } from '../isolation/isolation.ts';
import type { PressConferenceInput } from '../press-conference/press-conference.ts';
import type { ReportInput } from '../report/schema.ts';
import type { TestingRoundInput } from '../testing-round/testing-round.ts';
import type { CreateUserInput } from '../user/user.ts';
import type { CreateZoneInput } from '../zone/schema.ts';

export const DEMO_USERS: CreateUserInput[] = [
  { username: 'admin', displayName: '演示管理员', role: 'admin', password: 'demo-admin-2021' },
  { username: 'press', displayName: '演示新闻发布员', role: 'press_officer', password: 'demo-press-2021' },
  { username: 'reviewer', displayName: '演示审核员', role: 'reviewer', password: 'demo-reviewer-2021' },
];

const DEMO_NOTICE = '风险等级调整公告（演示数据）';

/** A later change of a demo zone: re-levelled as of `effectiveAt`, entered at `at`. */
export interface DemoRelevel {
  at: string;
  levelId: string;
  effectiveAt: string;
  note: string;
}

/**
 * The demo zones as the province's notices give them (the same history as
 * `data/notices/hebei-2021-risk-areas.csv`, which therefore imports over them as recorded):
 * 小果庄村 medium from 4 January and high from the 5th, 藁城区全域 high from the 6th. `reason` is
 * what the office wrote where a change needs one (a whole district, a start more than 24 h back).
 */
export const DEMO_ZONES: Array<{ at: string; zone: CreateZoneInput; reason?: string; relevels?: DemoRelevel[] }> = [
  {
    at: '2021-01-05T20:00:00+08:00',
    zone: {
      districtCode: '130109',
      name: '增村镇小果庄村',
      address: '藁城区增村镇小果庄村',
      kind: 'village',
      levelId: 'risk-2021.medium',
      effectiveAt: '2021-01-04T00:00:00+08:00',
      notice: DEMO_NOTICE,
      note: '划定为中风险地区',
    },
    reason: '补录省卫健委1月4日通报的中风险地区',
    relevels: [
      { at: '2021-01-05T20:00:00+08:00', levelId: 'risk-2021.high', effectiveAt: '2021-01-05T00:00:00+08:00', note: '调整为高风险地区' },
    ],
  },
  {
    at: '2021-01-06T20:00:00+08:00',
    zone: {
      districtCode: '130109',
      name: '藁城区全域',
      address: '藁城区全域',
      kind: 'district',
      levelId: 'risk-2021.high',
      effectiveAt: '2021-01-06T00:00:00+08:00',
      notice: DEMO_NOTICE,
      note: '藁城区全域调整为高风险地区',
    },
    reason: '市领导小组公告：藁城区全域调整为高风险地区',
  },
];

export const DEMO_MEETING_BULLETIN: { at: string; bulletin: BulletinContentInput } = {
  at: '2021-01-06T08:00:00+08:00',
  bulletin: {
    title: '市应对新冠肺炎疫情工作会议：要对全市所有社区农村实行闭环管控',
    issuer: '石家庄日报',
    issuedOn: '2021-01-06',
    category: 'meeting',
    bodyMd: `1月5日下午，市应对新冠肺炎疫情工作会议召开。会议强调，要坚决扛起政治责任，坚持人民至上、生命至上，从严从实从快打赢疫情防控歼灭战。省委常委、市委书记、市应对疫情工作领导小组组长邢国辉出席会议并讲话；市委常委、常务副市长李雪荣主持会议；副市长孟祥红传达了省委常委会扩大会议精神，通报我市疫情防控有关情况。

## 会议部署

- **强化工作落实。** 成立市突发疫情紧急处置领导小组，加强对各县（市、区）疫情防控工作的指挥；各县（市、区）党委、政府严格落实属地责任和主体责任。
- **做好核酸检测。** 以各县（市、区）为主体，以村、社区、企事业单位、学校、管教场所、养老机构等为单元，开展全员核酸检测，确保无盲区、无死角、全覆盖。
- **闭环管控。** 对全市所有社区、农村实行闭环管控，迅速制定全市各类学校放假方案，严格控制聚集性活动。
- **救治患者。** 按照“四集中”原则和“四个一”机制，调集最优诊疗资源，坚持“一人一策”。
- **全方位保障。** 做好医疗机构、防控物资、生活必需品准备，确保主要生活必需品市场供应充足、价格稳定。
- **信息发布。** 严格落实重大信息报送制度，坚决防止迟报、漏报、误报、瞒报；及时准确公开发布疫情信息，依法严肃查处制造、传播谣言等行为。

## 八项要求

1. 抓紧开展全员核酸检测工作；
2. 全力做好各项管控工作；
3. 全力做好封闭管控期间内的居民生活保障工作；
4. 全面做好发热门诊筛查准备；
5. 全力做好零售药店监测报告；
6. 全力做好医疗救治准备；
7. 全力做好隔离场所规范管理；
8. 全面做好公共交通工具及交通场所管控。
`,
  },
};

export const DEMO_NOTICE_BULLETIN: { at: string; bulletin: BulletinContentInput } = {
  at: '2021-01-14T20:00:00+08:00',
  bulletin: {
    title: '关于切实关心关爱疫情防控一线工作人员的通知',
    issuer: '中共石家庄市委员会办公室',
    issuedOn: '2021-01-14',
    category: 'notice',
    bodyMd: `近一段时间，面对突如其来的疫情，广大防控一线工作人员不忘初心、牢记使命，忠于职守，冲锋在前，不畏艰险、英勇奋战，为全力打赢疫情防控阻击战、歼灭战付出了艰苦努力，作出了重要贡献。当前，全市疫情防控处于关键阶段，为切实关心关爱疫情防控一线工作人员，经市委领导同意，现就有关事项通知如下。

**一、科学合理安排休息。** 要根据疫情防控需要，科学测算防控一线工作人员特别是医务人员工作负荷，合理配置工作力量，在满足防疫需要的基础上，保证防控一线工作人员休息时间。要建立防控一线工作人员岗位轮换机制，采取轮休调休等方式保证防控一线工作人员及时得到休整，对连续超负荷工作的要强制休息。对法定节假日未能休假的，在疫情结束后，各单位要及时安排补休。

**二、强化工作防护保障。** 要积极改善防控一线工作人员特别是医务人员的防护条件，防疫物资优先向防控一线工作人员倾斜，优先配发口罩、防护服、消毒水、非接触式体温计等卫生防控器材和防控器具，确保防控一线工作人员的防护安全。

**三、积极解决后顾之忧。** 要及时了解防控一线工作人员的家庭状况、生活困难，有针对性地做好关心关爱。对防控一线工作人员特别是医护人员家庭困难的，要通过定期走访慰问、建立联系帮扶制度等方式，及时掌握情况，帮助解决生活、照料等实际困难。对防控一线工作人员直系亲属需要看病就医的，要开通绿色通道、实行优先就医；需要住院照顾的，其所在单位采取志愿服务、爱心帮扶等方式予以照顾。

**四、切实减轻基层负担。** 要深入贯彻落实中央关于减轻基层负担的有关要求，力戒形式主义、官僚主义，加强现代信息技术和大数据在疫情防控中的运用，最大限度减少不必要的会议文电、表格填写、材料报送等，真正给基层防控一线工作人员减负松绑，把更多精力投入疫情防控工作中。

**五、** ……心理援助措施，减轻防控一线工作人员心理压力。防控一线工作人员所在单位党组织，要通过谈心谈话、关怀问候等方式，及时了解防控一线工作人员思想动态、情绪变化，及时做好思想工作，开展心理疏导，有针对性地做好减压释负工作。

**六、及时选树先进典型。** 各地各部门要注重发现、总结、选树疫情防控一线工作人员先进典型。

中共石家庄市委员会办公室
2021年1月14日

> 据石家庄日报版面整理；原版面第五项标题及第六项正文排版残缺，以上按可辨认文字收录。
`,
  },
};

export const CONFERENCE_AT = '2021-01-15T19:00:00+08:00';
/** When the press officer sent the conference's figures for review; the reviewer approves at CONFERENCE_AT. */
export const FIGURES_SUBMITTED_AT = '2021-01-15T18:30:00+08:00';

export const DEMO_REPORT: ReportInput = {
  periodStart: '2021-01-15T00:00:00+08:00',
  periodEnd: '2021-01-15T12:00:00+08:00',
  newConfirmed: 48,
  newAsymptomatic: 10,
  cumulativeConfirmed: 579,
  cumulativeAsymptomatic: 213,
  source:
    '1月15日0—12时，全市新增新冠肺炎确诊病例48例，新增新冠肺炎无症状感染者10例。1月2日至1月15日12时，全市累计确诊病例579例，累计无症状感染者213例，除已经出院的康复者外，其他均在定点医院集中救治。',
};

const NO_SPREAD = ['130107', '130183', '130128', '130126', '130121', '130129', '130132', '130127', '130172'];

export const DEMO_TESTING_ROUND: TestingRoundInput = {
  number: 2,
  completedAt: '2021-01-14T20:00:00+08:00',
  collectionPoints: 13_758,
  peopleTested: 10_253_103,
  positives: 247,
  summary:
    '新增阳性病例主要集中在藁城区，藁城区又以增村镇为主；新增阳性病例没有在社区蔓延；没有向井陉矿区、晋州市、深泽县、灵寿县、井陉县、赞皇县、元氏县、高邑县、循环化工园区等9个县（市、区）扩散。',
  districts: [{ districtCode: '130109', positives: 217 }, ...NO_SPREAD.map((districtCode) => ({ districtCode, noSpread: true }))],
};

export const DEMO_ISOLATION: IsolationSnapshotInput = {
  asOf: '2021-01-15T12:00:00+08:00',
  sites: 434,
  rooms: 27_831,
  people: 27_014,
  transfers: [{ districtCode: '130109', asOf: '2021-01-15T18:00:00+08:00', people: 14_573 }],
};

export const DEMO_FACILITY: IsolationFacilityInput = {
  name: '集中隔离点建设项目',
  location: '正定县与藁城区交界处',
  rooms: 3_000,
  roomAreaM2: 18,
  floorAreaM2: 69_000,
  siteAreaMu: 510,
  constructionStartedOn: '2021-01-13',
  status: 'under_construction',
  description:
    '将建成3000间集成房，按照“三区两通道”“一人一间一卫”“交钥匙工程”标准，每间18平方米，可满足入住者学习、生活、住宿、餐饮等需求。项目昼夜施工建设，力争早日投用。',
};

export const DEMO_PRESS_CONFERENCE: Omit<PressConferenceInput, 'links'> = {
  level: 'municipal',
  issuer: '石家庄市人民政府新闻办公室',
  number: 11,
  heldOn: '2021-01-15',
  title: '石家庄市新冠肺炎疫情防控工作第11场新闻发布会',
  summary:
    '副市长孟祥红介绍了全市疫情防控工作最新进展：全市第二轮核酸检测全部完成，新增阳性病例没有在社区蔓延；加快推进密接者、次密接者集中隔离，做到“应收尽收、应隔尽隔”；加快集中隔离点建设。市市场监管局、国网石家庄供电公司、市医学会重症医学专业委员会有关负责人回答了记者提问。',
  people: [{ role: 'host', name: '孟祥红', title: '副市长', organisation: '石家庄市人民政府' }],
  agencies: ['市市场监管局', '国网石家庄供电公司', '市医学会重症医学专业委员会'],
};
