import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect } from 'vitest';
import { cliTest as it } from './test-support/cli.ts';

const provincial = {
  level: 'provincial',
  issuer: '河北省人民政府新闻办公室',
  number: null,
  heldOn: '2021-01-20',
  title: '河北省新冠肺炎疫情防控工作新闻发布会',
  summary: '通报全省疫情防控工作进展。',
  people: [{ role: 'speaker', name: '徐建培', title: '副省长' }],
};

describe('epi conferences', () => {
  it('publishes a conference from a file, numbered in its own body’s series, and lists it', async ({ ws }) => {
    await ws.account('press.li', 'press_officer');
    const file = join(ws.dir, 'conference.json');
    writeFileSync(file, JSON.stringify(provincial));
    const published = await ws.epi(['conferences', 'publish', file, '--user', 'press.li', '--json']);
    expect(published.stderr).toBe('');
    expect(JSON.parse(published.stdout)).toMatchObject({ slug: 'province-2021-01-20', number: null, level: 'provincial' });

    writeFileSync(file, JSON.stringify({ ...provincial, number: 2, heldOn: '2021-01-09' }));
    expect((await ws.epi(['conferences', 'publish', file, '--user', 'press.li'])).stdout).toContain(
      'Published 河北省人民政府新闻办公室第2场新闻发布会 as',
    );
    // The same number again in the same body is refused, naming the field.
    const again = await ws.epi(['conferences', 'publish', file, '--user', 'press.li']);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('河北省人民政府新闻办公室第2场新闻发布会已存在');

    const list = JSON.parse((await ws.epi(['conferences', 'list', '--json'])).stdout);
    expect(list.map((c: { slug: string }) => c.slug)).toEqual(['province-2021-01-20', 'province-2']);
    const issuers = JSON.parse((await ws.epi(['conferences', 'issuers', '--json'])).stdout);
    expect(issuers.find((i: { level: string }) => i.level === 'provincial')).toMatchObject({ nextNumber: 3 });
  });
});
