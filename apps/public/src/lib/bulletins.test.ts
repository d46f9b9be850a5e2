import { describe, expect, it } from 'vitest';
import { bulletin } from '../test-support/bulletins.ts';
import {
  attachmentFileName,
  attachmentPath,
  bulletinChangedAt,
  bulletinFilters,
  filterGroups,
  formatFileSize,
  issuerSlug,
} from './bulletins.ts';

describe('issuer slugs', () => {
  it('are short, and the same in every build (a hash of the name)', () => {
    // Fixed values: a change here changes published addresses.
    expect(issuerSlug('石家庄日报')).toBe('d024bb1390');
    expect(issuerSlug('中共石家庄市委员会办公室')).toBe('4d29853e59');
    expect(issuerSlug('石家庄市卫生健康委员会')).toMatch(/^[0-9a-f]{10}$/);
  });

  it('ignore spacing and full-width forms, and tell different bodies apart', () => {
    expect(issuerSlug(' 石家庄日报\u3000')).toBe(issuerSlug('石家庄日报'));
    expect(issuerSlug('石家庄市 卫健委')).toBe(issuerSlug('石家庄市  卫健委'));
    expect(issuerSlug('ＡＢＣ办公室')).toBe(issuerSlug('ABC办公室'));
    expect(issuerSlug('石家庄市卫生健康委员会')).not.toBe(issuerSlug('石家庄市人民政府'));
  });
});

describe('filter pages', () => {
  const meeting = bulletin({ id: 'm', category: 'meeting', issuer: '石家庄日报', issuedOn: '2021-01-06' });
  const notice = bulletin({ id: 'n', category: 'notice', issuer: '中共石家庄市委员会办公室', issuedOn: '2021-01-14' });
  const rumour = bulletin({
    id: 'r',
    category: 'rumour_refutation',
    issuer: '石家庄日报',
    issuedOn: '2021-02-01',
    withdrawn: { at: '2021-02-02T08:00:00+08:00', reason: '已并入发布会通报' },
  });
  const updated = bulletin({
    id: 'u',
    category: 'notice',
    issuer: '石家庄日报 ',
    issuedOn: '2021-01-20',
    updated: { at: '2021-01-21T09:00:00+08:00', reason: '补充附件' },
  });
  const list = [rumour, updated, notice, meeting]; // newest first, as the API returns them
  const filters = bulletinFilters(list);

  it('group by category in the fixed order of categories, with only the ones used', () => {
    expect(filters.categories.map((g) => [g.key, g.label, g.bulletins.map((b) => b.id)])).toEqual([
      ['notice', '通知公告', ['u', 'n']],
      ['meeting', '会议', ['m']],
      ['rumour_refutation', '辟谣', ['r']],
    ]);
    expect(filters.categories[0]!.path).toBe('/bulletins/category/notice/');
  });

  it('group by issuing body under its slug, busiest first, spacing differences folded', () => {
    expect(filters.issuers.map((g) => [g.key, g.label, g.bulletins.map((b) => b.id)])).toEqual([
      ['d024bb1390', '石家庄日报', ['r', 'u', 'm']],
      ['4d29853e59', '中共石家庄市委员会办公室', ['n']],
    ]);
    expect(filters.issuers[0]!.path).toBe('/bulletins/issuer/d024bb1390/');
  });

  it('group by month of the issue date, newest month first', () => {
    expect(filters.months.map((g) => [g.key, g.label, g.bulletins.length])).toEqual([
      ['2021-02', '2021年2月', 1],
      ['2021-01', '2021年1月', 3],
    ]);
    expect(filters.months[1]!.path).toBe('/bulletins/month/2021-01/');
  });

  it('keep withdrawn bulletins (they are listed, tagged) and count every bulletin once per dimension', () => {
    for (const kind of ['category', 'issuer', 'month'] as const) {
      expect(filterGroups(list, kind).reduce((n, g) => n + g.bulletins.length, 0)).toBe(list.length);
    }
  });

  it('are stable: the same list gives the same pages', () => {
    expect(bulletinFilters([...list])).toEqual(filters);
    expect(bulletinFilters([])).toEqual({ categories: [], issuers: [], months: [] });
  });
});

describe('attachments', () => {
  it('are published under their id, whatever name they were uploaded under', () => {
    const a = { id: 'a1', filename: `${'附'.repeat(120)} 第1号 #2 (修订)%.pdf`, mediaType: 'application/pdf' as const };
    expect(attachmentFileName(a)).toBe('a1.pdf');
    expect(attachmentPath('b1', a)).toBe('/bulletins/b1/attachments/a1.pdf');
    expect(attachmentPath('b1', { id: 'a2', mediaType: 'image/jpeg' })).toBe('/bulletins/b1/attachments/a2.jpg');
  });

  it('show their size', () => {
    expect(formatFileSize(850)).toBe('850 字节');
    expect(formatFileSize(12_345)).toBe('12.1 KB');
    expect(formatFileSize(2_500_000)).toBe('2.4 MB');
  });
});

describe('last public change', () => {
  it('is the withdrawal, or else the latest publication', () => {
    expect(bulletinChangedAt(bulletin({ firstPublishedAt: '2021-01-06T08:00:00+08:00' }))).toBe('2021-01-06T00:00:00.000Z');
    expect(bulletinChangedAt(bulletin({ updated: { at: '2021-01-07T08:00:00+08:00', reason: null } }))).toBe('2021-01-07T00:00:00.000Z');
    expect(bulletinChangedAt(bulletin({ withdrawn: { at: '2021-01-08T08:00:00+08:00', reason: '撤回' } }))).toBe(
      '2021-01-08T00:00:00.000Z',
    );
  });
});
