import { describe, expect } from 'vitest';
import { approveBulletin, createBulletin, returnBulletin, submitBulletin } from '../bulletin/bulletin.ts';
import { submitIsolationSnapshot } from '../isolation/isolation.ts';
import { prepareCorrection } from '../report/correction.ts';

import { returnReport, submitReport } from '../report/workflow.ts';
import { reportCorrection } from '../test-support/corrections.ts';
import { later, publishedReport } from '../test-support/db.ts';
import { deskTest as it } from '../test-support/desk.ts';
import { approveTestingRound, submitTestingRound } from '../testing-round/testing-round.ts';
import { figureDifferences, formatDifference, TESTING_ROUND_FIGURES } from './figures.ts';
import { getForReview, listReviewQueue } from './queue.ts';
import { submitZoneChange } from '../zone/change.ts';
import { JAN14_REPORT, JAN15_NOON_REPORT } from '../test-support/fixtures.ts';

describe('review queue', () => {
  it.override('times', { press: '2021-01-15T18:00:00+08:00', reviewer: '2021-01-15T19:00:00+08:00' });

  it('lists waiting items first, then returned ones, each with its submitter and time', async ({ db, press, reviewer }) => {
    const published = await publishedReport(later(press, '2021-01-15T08:00:00+08:00'), reviewer, JAN14_REPORT);
    const report = await submitReport(later(press, '2021-01-15T18:10:00+08:00'), JAN15_NOON_REPORT);
    await returnReport(reviewer, { id: report.id, expectedVersion: 1, comment: '请附原文' });
    await submitTestingRound(later(press, '2021-01-15T18:20:00+08:00'), { number: 2, peopleTested: 10_253_103, positives: 247 });
    await submitIsolationSnapshot(later(press, '2021-01-15T18:05:00+08:00'), {
      asOf: '2021-01-15T12:00:00+08:00',
      sites: 434,
      rooms: 27_831,
      people: 27_014,
    });
    await prepareCorrection(later(press, '2021-01-15T18:30:00+08:00'), reportCorrection(published, { newDeaths: 0 }, '补充'));
    const queue = await listReviewQueue(db);
    expect(queue.map((q) => [q.type, q.status, q.title, q.submittedBy?.name, q.reviewComment])).toEqual([
      ['isolation_snapshot', 'in_review', '截至2021年1月15日 12:00', '新闻发布员', null],
      ['testing_round', 'in_review', '第2轮全员核酸检测', '新闻发布员', null],
      ['correction', 'in_review', '1月14日0—24时通报：新增死亡', '新闻发布员', null],
      ['report', 'returned', '1月15日0—12时', '新闻发布员', '请附原文'],
    ]);
  });

  it('lists bulletins waiting for review and returned ones with the other kinds, and nothing else of theirs', async ({
    db,
    press,
    reviewer,
  }) => {
    const content = {
      title: '关于进一步加强疫情防控的通告',
      issuer: '石家庄市疫情防控指挥部',
      issuedOn: '2021-01-15',
      category: 'notice' as const,
      bodyMd: '全市实行封闭管理。',
    };
    const draft = await createBulletin(press, content);
    const waiting = await submitBulletin(later(press, '2021-01-15T18:40:00+08:00'), { id: draft.id, expectedVersion: draft.version });
    const sentBack = await submitBulletin(press, {
      id: (await createBulletin(press, { ...content, title: '退回的公告' })).id,
      expectedVersion: 1,
    });
    await returnBulletin(reviewer, { id: sentBack.id, expectedVersion: sentBack.version, comment: '请注明发布单位' });
    const approved = await submitBulletin(press, {
      id: (await createBulletin(press, { ...content, title: '已批准的公告' })).id,
      expectedVersion: 1,
    });
    await approveBulletin(reviewer, { id: approved.id, expectedVersion: approved.version });
    await createBulletin(press, { ...content, title: '未提交的草稿' });
    await submitTestingRound(later(press, '2021-01-15T18:20:00+08:00'), { number: 2, peopleTested: 10_253_103, positives: 247 });

    const queue = await listReviewQueue(db);
    expect(queue.map((q) => [q.type, q.status, q.title, q.submittedBy?.name, q.reviewComment])).toEqual([
      ['testing_round', 'in_review', '第2轮全员核酸检测', '新闻发布员', null],
      ['bulletin', 'in_review', '关于进一步加强疫情防控的通告', '新闻发布员', null],
      ['bulletin', 'returned', '退回的公告', '新闻发布员', '请注明发布单位'],
    ]);
    expect(queue.find((q) => q.id === waiting.id)).toMatchObject({
      version: waiting.version,
      submittedAt: '2021-01-15T10:40:00.000Z',
      reviewedBy: null,
    });
    expect(queue.find((q) => q.id === sentBack.id)).toMatchObject({
      reviewedBy: { name: '审核员' },
      reviewedAt: '2021-01-15T11:00:00.000Z',
    });
  });

  it('lists changes of zones waiting for review, urgent ones first', async ({ db, press, officer }) => {
    await submitTestingRound(later(press, '2021-01-15T18:20:00+08:00'), { number: 2, peopleTested: 10_253_103, positives: 247 });
    const zone = { districtCode: '130109', kind: 'village' as const, levelId: 'risk-2021.high', notice: '公告' };
    const at = (iso: string) => ({ ...officer, now: new Date(iso) });
    await submitZoneChange(at('2021-01-15T18:30:00+08:00'), {
      operations: [{ op: 'create', input: { ...zone, name: '甲村', effectiveAt: '2021-01-15T18:00:00+08:00' } }],
    });
    await submitZoneChange(at('2021-01-15T18:50:00+08:00'), {
      operations: [{ op: 'create', input: { ...zone, name: '乙村', effectiveAt: '2021-01-15T18:00:00+08:00' } }],
      urgent: true,
    });
    const queue = await listReviewQueue(db);
    expect(queue.map((q) => [q.type, q.title, q.urgent, q.submittedBy?.name])).toEqual([
      ['zone_change', '新划定：藁城区乙村', true, '管理员乙'],
      ['testing_round', '第2轮全员核酸检测', false, '新闻发布员'],
      ['zone_change', '新划定：藁城区甲村', false, '管理员乙'],
    ]);
  });

  it('shows each figure beside the previous published one, with the difference', async ({ db, press, reviewer }) => {
    const round1 = await submitTestingRound(press, { number: 1, collectionPoints: 12_000, peopleTested: 10_000_000, positives: 354 });
    await approveTestingRound(reviewer, { id: round1.id, expectedVersion: 1 });
    const round2 = await submitTestingRound(press, { number: 2, collectionPoints: 13_758, peopleTested: 10_253_103, positives: 247 });
    const detail = await getForReview(db, 'testing_round', round2.id);
    expect(detail.type).toBe('testing_round');
    expect(detail.previous).toMatchObject({ number: 1 });
    expect(detail.differences.map((d) => [d.label, d.value, d.previous, formatDifference(d.difference), d.flag])).toEqual([
      ['采样点', 13_758, 12_000, '+1758', null],
      ['采样人数', null, null, '—', null],
      ['送检人数', null, null, '—', null],
      ['已出结果人数', null, null, '—', null],
      ['检测人数', 10_253_103, 10_000_000, '+253103', null],
      ['阳性', 247, 354, '−107', null],
    ]);
  });

  it('flags a running total that falls and a change of more than half', () => {
    const report = figureDifferences(
      [
        { key: 'cumulativeConfirmed', label: '累计确诊', cumulative: true },
        { key: 'newConfirmed', label: '新增确诊' },
      ],
      { cumulativeConfirmed: 570, newConfirmed: 200 },
      { cumulativeConfirmed: 579, newConfirmed: 48 },
    );
    expect(report.map((d) => d.flag)).toEqual(['decrease', 'large']);
    expect(
      figureDifferences(TESTING_ROUND_FIGURES, { positives: 3 }, { positives: 1 }).find((d) => d.field === 'positives')!.flag,
    ).toBeNull();
  });

  it('shows a report with its reconciliation now and a correction as new value beside old', async ({ db, press, reviewer }) => {
    const previous = await publishedReport(press, reviewer, JAN14_REPORT);
    const waiting = await submitReport(press, { ...JAN15_NOON_REPORT, cumulativeConfirmed: 580, reconciliationNote: '补报1例' });
    const detail = await getForReview(db, 'report', waiting.id);
    if (detail.type !== 'report') throw new Error('expected a report');
    expect(detail.previous?.id).toBe(previous.id);
    expect(detail.issues.map((i) => i.field)).toEqual(['cumulativeConfirmed']);
    expect(detail.unanswered).toEqual([]);
    expect(detail.differences.find((d) => d.field === 'cumulativeConfirmed')).toMatchObject({ value: 580, previous: 531, difference: 49 });

    const { request } = await prepareCorrection(press, reportCorrection(previous, { cumulativeConfirmed: 530 }, '重复计数1例'));
    const correction = await getForReview(db, 'correction', request.id);
    if (correction.type !== 'correction') throw new Error('expected a correction');
    expect(correction.differences).toEqual([
      { field: 'cumulativeConfirmed', label: '累计确诊', value: 530, previous: 531, difference: -1, flag: 'decrease' },
    ]);
    expect(correction.stale).toBe(false);
    expect(correction.review).toMatchObject({ status: 'in_review', submittedBy: { name: '新闻发布员' } });
  });
});
