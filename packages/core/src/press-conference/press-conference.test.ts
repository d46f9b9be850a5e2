import { describe, expect } from 'vitest';
import { type ZodError } from 'zod';
import { listAudit } from '../audit/audit.ts';
import type { Db } from '../db/database.ts';
import { approveReport, submitReport } from '../report/workflow.ts';
import { ConflictError, InputError } from '../shared/errors.ts';
import { later } from '../test-support/db.ts';
import { deskTest as it } from '../test-support/desk.ts';
import {
  getPressConference,
  listPressConferenceAliases,
  listPressConferences,
  publishPressConference,
  updatePressConference,
  type PressConferenceInput,
} from './press-conference.ts';
import { JAN15_NOON_REPORT, failure } from '../test-support/fixtures.ts';

// The 11th press conference (15 January 2021) and the report it announced, 1月15日0—12时.
const eleventh: PressConferenceInput = {
  level: 'municipal',
  issuer: '石家庄市人民政府新闻办公室',
  number: 11,
  heldOn: '2021-01-15',
  startsAt: '2021-01-15T16:00:00+08:00',
  title: '石家庄市新冠肺炎疫情防控工作第11场新闻发布会',
  summary: '副市长孟祥红介绍了全市疫情防控工作最新进展。',
  people: [{ role: 'host', name: '孟祥红', title: '副市长', organisation: '石家庄市人民政府' }],
  agencies: ['市市场监管局'],
};
/** A bulletin row in the given state; only what link checks read (the bulletin workflow is tested on its own). */
async function bulletinRow(db: Db, id: string, status: string, publishedRevision: number | null) {
  const at = '2021-01-15T08:00:00.000Z';
  await db
    .insertInto('bulletin')
    .values({ id, status, current_revision: 1, published_revision: publishedRevision, version: 1, created_at: at, updated_at: at } as never)
    .execute();
}

describe('press conference edits', () => {
  it('links the report once it is approved, says when and why, and audits before and after', async ({ db, press, reviewer }) => {
    const report = await submitReport(press, JAN15_NOON_REPORT);
    // At the conference the report is still in review: it cannot be linked yet.
    const early = await failure(publishPressConference(press, { ...eleventh, links: [{ entityType: 'report', entityId: report.id }] }));
    expect(early).toBeInstanceOf(InputError);
    expect(early).toMatchObject({ field: 'links.0.entityId', message: expect.stringContaining('尚未发布') });
    const published = await publishPressConference(press, eleventh);
    expect(published).toMatchObject({ version: 1, updates: [], links: [] });

    await approveReport(reviewer, { id: report.id, expectedVersion: report.version });
    const reason = '补充关联本场发布的疫情通报';
    const updated = await updatePressConference(later(press, '2021-01-15T20:00:00+08:00'), {
      ...eleventh,
      links: [{ entityType: 'report', entityId: report.id }],
      id: published.id,
      expectedVersion: 1,
      reason,
    });
    expect(updated).toMatchObject({
      version: 2,
      links: [{ entityType: 'report', entityId: report.id }],
      updates: [{ version: 2, at: '2021-01-15T12:00:00.000Z', reason, fields: ['links'] }],
    });
    expect(await getPressConference(db, 'city-11')).toEqual(updated);
    const [entry] = await listAudit(db, { entityType: 'press_conference', entityId: published.id, limit: 1 });
    expect(entry).toMatchObject({ action: 'press_conference.update', reason, before: { version: 1, links: [] }, after: { version: 2 } });
  });

  it('changes every field, naming each changed part once', async ({ db, press }) => {
    const { id } = await publishPressConference(press, eleventh);
    const updated = await updatePressConference(press, {
      ...eleventh,
      number: 12,
      title: '石家庄市新冠肺炎疫情防控工作第12场新闻发布会',
      people: [...eleventh.people!, { role: 'speaker', name: '李晓果', title: '副市长', organisation: null }],
      qa: [{ question: '第二轮核酸检测进展如何？', answer: '全部完成。', answeredBy: null }],
      id,
      expectedVersion: 1,
      reason: '场次录错，并补充发布人和问答',
    });
    expect(updated.updates[0]!.fields).toEqual(['number', 'title', 'people', 'qa']);
    expect((await listPressConferences(db)).map((c) => c.number)).toEqual([12]);
  });

  it('refuses an edit of a version someone else has edited since, and keeps theirs', async ({ db, press, otherPress }) => {
    const { id } = await publishPressConference(press, eleventh);
    await updatePressConference(otherPress, { ...eleventh, summary: '摘要已补充。', id, expectedVersion: 1, reason: '补充摘要' });
    const error = await failure(updatePressConference(press, { ...eleventh, title: '新标题', id, expectedVersion: 1, reason: '改标题' }));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).field).toBe('expectedVersion');
    expect(await getPressConference(db, 'city-11')).toMatchObject({ version: 2, title: eleventh.title, summary: '摘要已补充。' });
  });

  it('requires a reason and an actual change, and a number not taken by another conference', async ({ db, press }) => {
    const { id } = await publishPressConference(press, eleventh);
    await publishPressConference(press, { ...eleventh, number: 12, title: '第12场' });
    const noReason = await failure(updatePressConference(press, { ...eleventh, title: '新标题', id, expectedVersion: 1, reason: '' }));
    expect((noReason as ZodError).issues.map((i) => i.path.join('.'))).toEqual(['reason']);
    expect(await failure(updatePressConference(press, { ...eleventh, id, expectedVersion: 1, reason: '核对' }))).toMatchObject({
      field: 'reason',
    });
    expect(
      await failure(updatePressConference(press, { ...eleventh, number: 12, id, expectedVersion: 1, reason: '改场次' })),
    ).toMatchObject({ field: 'number' });
    expect(await getPressConference(db, 'city-11')).toMatchObject({ version: 1, updates: [] });
  });

  it('links only published bulletins, naming the link that is not', async ({ db, press }) => {
    await bulletinRow(db, 'draft', 'draft', null);
    await bulletinRow(db, 'live', 'published', 1);
    await bulletinRow(db, 'revising', 'draft', 1); // a new revision in the works; revision 1 is still public
    await bulletinRow(db, 'gone', 'withdrawn', 1);
    const links = (...ids: string[]) => ids.map((entityId) => ({ entityType: 'bulletin' as const, entityId }));
    const { id } = await publishPressConference(press, { ...eleventh, links: links('live', 'revising') });
    const edit = (ids: string[]) =>
      updatePressConference(press, { ...eleventh, links: links(...ids), id, expectedVersion: 1, reason: '补充关联' });
    expect(await failure(edit(['live', 'draft']))).toMatchObject({
      field: 'links.1.entityId',
      message: expect.stringContaining('尚未发布'),
    });
    expect(await failure(edit(['gone']))).toMatchObject({ field: 'links.0.entityId', message: expect.stringContaining('已撤回') });
    expect(await failure(edit(['nothing']))).toMatchObject({ field: 'links.0.entityId', message: expect.stringContaining('不存在') });
    expect(await failure(edit(['live', 'live']))).toMatchObject({ field: 'links.1.entityId', message: expect.stringContaining('重复') });
    expect((await edit(['live'])).links).toEqual(links('live'));
  });
});

describe('conferences of more than one body', () => {
  const provincial = (over: Partial<PressConferenceInput>): PressConferenceInput => ({
    ...eleventh,
    level: 'provincial',
    issuer: '河北省人民政府新闻办公室',
    title: '河北省新冠肺炎疫情防控工作新闻发布会',
    ...over,
  });

  it('numbers each body apart, allows conferences without a number, and lists them by date and time', async ({ db, press }) => {
    await publishPressConference(press, eleventh);
    // The province's 2nd conference and the city's 2nd are two conferences.
    await publishPressConference(press, provincial({ number: 2, heldOn: '2021-01-07', startsAt: null }));
    await publishPressConference(press, { ...eleventh, number: 2, heldOn: '2021-01-07', startsAt: '2021-01-07T15:00:00+08:00' });
    // Two unnumbered conferences the same day, one without a time.
    await publishPressConference(press, provincial({ number: null, heldOn: '2021-01-20', startsAt: '2021-01-20T10:00:00+08:00' }));
    await publishPressConference(press, provincial({ number: null, heldOn: '2021-01-20', startsAt: null }));
    const listed = await listPressConferences(db);
    expect(listed.map((c) => [c.level, c.number, c.heldOn, c.slug])).toEqual([
      ['provincial', null, '2021-01-20', 'province-2021-01-20'],
      ['provincial', null, '2021-01-20', 'province-2021-01-20-2'],
      ['municipal', 11, '2021-01-15', 'city-11'],
      ['municipal', 2, '2021-01-07', 'city-2'],
      ['provincial', 2, '2021-01-07', 'province-2'],
    ]);
    expect(await failure(publishPressConference(press, provincial({ number: 2 })))).toMatchObject({
      field: 'number',
      message: '河北省人民政府新闻办公室第2场新闻发布会已存在',
    });
    // Another body's numbers are its own even at the same level.
    await publishPressConference(press, provincial({ issuer: '邢台市人民政府新闻办公室', level: 'other', number: 2 }));
    expect(await getPressConference(db, 'other-2')).toMatchObject({ issuer: '邢台市人民政府新闻办公室' });
  });

  it('keeps the address while the number stays, and redirects the old one when it changes', async ({ db, press }) => {
    const published = await publishPressConference(press, eleventh);
    expect(published.slug).toBe('city-11');
    const renumbered = await updatePressConference(press, {
      ...eleventh,
      number: 12,
      id: published.id,
      expectedVersion: 1,
      reason: '场次录错',
    });
    expect(renumbered.slug).toBe('city-12');
    expect(await getPressConference(db, 'city-11')).toMatchObject({ id: published.id, slug: 'city-12' });
    // Back to 11: the address it had is its own again, and 12 is now the alias.
    const back = await updatePressConference(press, { ...eleventh, id: published.id, expectedVersion: 2, reason: '改回' });
    expect(back.slug).toBe('city-11');
    expect(await listPressConferenceAliases(db)).toEqual([{ from: 'city-12', to: 'city-11' }]);
    // The real 12th conference takes its address over from the alias.
    const twelfth = await publishPressConference(press, { ...eleventh, number: 12, heldOn: '2021-01-16' });
    expect(twelfth.slug).toBe('city-12');
    expect(await getPressConference(db, 'city-12')).toMatchObject({ id: twelfth.id });
    expect(await listPressConferenceAliases(db)).toEqual([]);
    // The summary changed, the address not.
    const edited = await updatePressConference(press, {
      ...eleventh,
      summary: '补充。',
      id: published.id,
      expectedVersion: 3,
      reason: '补充',
    });
    expect(edited.slug).toBe('city-11');
  });
});
