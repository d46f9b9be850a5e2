import { formatAsOf, formatDate, formatDateTime, formatPeriod, type LinkableType } from '@epi/core';

/** One published item a press conference can say it announced, as a checkbox or a line shows it. */
export interface AnnouncedOption {
  entityType: LinkableType;
  entityId: string;
  label: string;
}

export interface AnnouncedGroup {
  entityType: LinkableType;
  legend: string;
  /** Said when nothing of this kind has been published yet. */
  empty: string;
  options: AnnouncedOption[];
}

/** A count as a line states it: '48 例', or 未公布. */
const stated = (n: number | null) => (n === null ? '未公布' : `${n} 例`);

/** What the four published lists need to name an item; the lists themselves come from the public procedures. */
export interface AnnouncedSources {
  reports: ReadonlyArray<{
    id: string;
    periodStart: string;
    periodEnd: string;
    newConfirmed: number | null;
    newAsymptomatic: number | null;
  }>;
  testingRounds: ReadonlyArray<{
    id: string;
    number: number;
    stage: 'in_progress' | 'final';
    asOf: string | null;
    completedAt: string | null;
    peopleTested: number | null;
    positives: number | null;
  }>;
  isolationSnapshots: ReadonlyArray<{ id: string; asOf: string; people: number | null }>;
  bulletins: ReadonlyArray<{ id: string; title: string; issuer: string; issuedOn: string }>;
}

export function announcedGroups(s: AnnouncedSources): AnnouncedGroup[] {
  return [
    {
      entityType: 'report',
      legend: '疫情通报',
      empty: '尚无已发布的疫情通报。',
      options: s.reports.map((r) => ({
        entityType: 'report',
        entityId: r.id,
        label: `${formatPeriod(r.periodStart, r.periodEnd)}疫情通报（新增确诊 ${stated(r.newConfirmed)}，新增无症状 ${stated(r.newAsymptomatic)}）`,
      })),
    },
    {
      entityType: 'testing_round',
      legend: '全员核酸检测',
      empty: '尚无已发布的核酸检测轮次。',
      options: s.testingRounds.map((t) => ({
        entityType: 'testing_round',
        entityId: t.id,
        label:
          t.stage === 'in_progress'
            ? `第${t.number}轮全员核酸检测进展（截至${t.asOf ? formatAsOf(t.asOf) : '—'}，阳性 ${stated(t.positives)}）`
            : `第${t.number}轮全员核酸检测（${t.completedAt ? `${formatDateTime(t.completedAt)}完成，` : ''}检测 ${t.peopleTested === null ? '未公布' : `${t.peopleTested} 人`}）`,
      })),
    },
    {
      entityType: 'isolation_snapshot',
      legend: '集中隔离情况',
      empty: '尚无已发布的集中隔离情况。',
      options: s.isolationSnapshots.map((i) => ({
        entityType: 'isolation_snapshot',
        entityId: i.id,
        label: `截至${formatDateTime(i.asOf)}的集中隔离情况（${i.people === null ? '隔离人数未公布' : `隔离 ${i.people} 人`}）`,
      })),
    },
    {
      entityType: 'bulletin',
      legend: '通知公告',
      empty: '尚无已发布的通知公告。',
      options: s.bulletins.map((b) => ({
        entityType: 'bulletin',
        entityId: b.id,
        label: `${b.title}（${b.issuer}，${formatDate(b.issuedOn)}）`,
      })),
    },
  ];
}

/** The checkbox value of an item: its type and id. */
export const optionValue = (o: { entityType: LinkableType; entityId: string }) => `${o.entityType}:${o.entityId}`;

/** The public portal's page of a conference; the console does not know the portal's address. */
export const publicConferencePath = (slug: string) => `/press-conferences/${slug}/`;
