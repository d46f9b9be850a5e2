import { describe, expect } from 'vitest';
import { errorOf, routerTest as it } from '../test-support.ts';
import { JAN15_NOON_REPORT } from '@epi/core/test-support';

// The 11th press conference (15 January 2021), as the console enters it.
const eleventh = {
  level: 'municipal' as const,
  issuer: '石家庄市人民政府新闻办公室',
  number: 11,
  heldOn: '2021-01-15',
  startsAt: '2021-01-15T16:00:00+08:00',
  title: '石家庄市新冠肺炎疫情防控工作第11场新闻发布会',
  summary: '副市长孟祥红介绍了全市疫情防控工作最新进展。',
  people: [{ role: 'host' as const, name: '孟祥红', title: '副市长', organisation: '石家庄市人民政府' }],
  agencies: ['市市场监管局', '国网石家庄供电公司'],
  qa: [{ question: '全市第二轮核酸检测进展如何？', answer: '全部完成。', answeredBy: '市卫生健康委' }],
};

describe('press conference router', () => {
  it('suggests each body its own next number: 1 at first, then the highest published plus 1', async ({ press }) => {
    const next = async () => (await press.pressConference.issuers()).map((i) => [i.level, i.issuer, i.nextNumber]);
    expect(await next()).toEqual([
      ['municipal', '石家庄市人民政府新闻办公室', 1],
      ['provincial', '河北省人民政府新闻办公室', 1],
    ]);
    await press.pressConference.publish(eleventh);
    // A conference entered out of order does not lower the suggestion; the province's series is apart.
    await press.pressConference.publish({ ...eleventh, number: 9, title: '第9场' });
    await press.pressConference.publish({
      ...eleventh,
      level: 'provincial',
      issuer: '河北省人民政府新闻办公室',
      number: 2,
      title: '省第2场',
    });
    await press.pressConference.publish({
      ...eleventh,
      level: 'other',
      issuer: '国务院联防联控机制',
      number: null,
      title: '联防联控机制发布会',
    });
    expect(await next()).toEqual([
      ['municipal', '石家庄市人民政府新闻办公室', 12],
      ['provincial', '河北省人民政府新闻办公室', 3],
      ['other', '国务院联防联控机制', 1],
    ]);
  });

  it('publishes a conference with its people, agencies and Q&A, and asks for a release', async ({ api, press, anonymous }) => {
    const conference = await press.pressConference.publish(eleventh);
    expect(conference).toMatchObject({
      number: 11,
      heldOn: '2021-01-15',
      startsAt: '2021-01-15T08:00:00.000Z',
      people: eleventh.people,
      agencies: eleventh.agencies,
      qa: eleventh.qa,
      links: [],
    });
    expect(api.publisher.reasons).toEqual(['发布石家庄市人民政府新闻办公室第11场新闻发布会']);
    expect((await anonymous.pressConference.bySlug({ slug: 'city-11' })).title).toBe(eleventh.title);
  });

  it('names the field of each input error, as the console shows them next to the fields', async ({ api }) => {
    const { status, body } = await api.postOverHttp('press_officer', 'pressConference.publish', {
      ...eleventh,
      people: [{ role: 'host', name: ' ', title: null, organisation: null }],
      qa: [{ question: '问题', answer: '', answeredBy: null }],
    });
    expect(status).toBe(400);
    expect(Object.keys(body.error.data.fieldErrors).sort()).toEqual(['people.0.name', 'qa.0.answer']);
  });

  it('refuses a number already taken, and a link to something that does not exist', async ({ api, press }) => {
    await press.pressConference.publish(eleventh);
    const taken = await errorOf(press.pressConference.publish(eleventh));
    expect(taken.code).toBe('BAD_REQUEST');
    const { body } = await api.postOverHttp('press_officer', 'pressConference.publish', {
      ...eleventh,
      number: 12,
      links: [{ entityType: 'report', entityId: 'no-such-report' }],
    });
    expect(Object.keys(body.error.data.fieldErrors)).toEqual(['links.0.entityId']);
    expect((await press.pressConference.issuers())[0]!.nextNumber).toBe(12);
  });

  it('edits a published conference: links a report approved after it, with a reason, and refuses a stale version', async ({
    api,
    press,
    reviewer,
    anonymous,
  }) => {
    const report = await press.report.submit(JAN15_NOON_REPORT);
    const link = { entityType: 'report' as const, entityId: report.id };
    const early = await api.postOverHttp('press_officer', 'pressConference.publish', { ...eleventh, links: [link] });
    expect(early.body.error.data.fieldErrors['links.0.entityId']![0]).toContain('尚未发布');

    const conference = await press.pressConference.publish(eleventh);
    await reviewer.report.approve({ id: report.id, expectedVersion: report.version });
    const edit = { ...eleventh, links: [link], id: conference.id, expectedVersion: conference.version, reason: '补充关联疫情通报' };
    expect((await errorOf(reviewer.pressConference.update(edit))).code).toBe('FORBIDDEN');
    const updated = await press.pressConference.update(edit);
    expect(updated).toMatchObject({ version: 2, links: [link], updates: [{ reason: '补充关联疫情通报', fields: ['links'] }] });
    expect(api.publisher.reasons).toEqual([
      '发布石家庄市人民政府新闻办公室第11场新闻发布会',
      '发布疫情通报',
      '更新石家庄市人民政府新闻办公室第11场新闻发布会',
    ]);
    expect(await anonymous.pressConference.bySlug({ slug: 'city-11' })).toEqual(updated);
    expect(await press.pressConference.byId({ id: conference.id })).toEqual(updated);

    const stale = await errorOf(press.pressConference.update({ ...edit, title: '另一个标题' }));
    expect(stale.code).toBe('CONFLICT');
  });
});
