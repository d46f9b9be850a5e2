import { describe, expect, it } from 'vitest';
import { culpritOf, forItem, itemTag } from './item-tag.ts';

describe('naming the item a build failed on', () => {
  const item = { kind: 'press_conference' as const, id: 'pc-3', path: '/press-conferences/city-12/' };

  it('reads the tag an item’s error carries, the last one when there are several', async () => {
    const error = await forItem(item, () => {
      throw new Error('页面生成失败');
    }).catch((e: unknown) => e as Error);
    expect(error.message).toBe(`页面生成失败 [${itemTag(item)}]`);
    expect(culpritOf(`[build] failed\n[ERROR] ${error.message}\n    at render (file.mjs:1:1)`)).toEqual({ item, message: '页面生成失败' });
    const other = { kind: 'bulletin' as const, id: 'b-1', path: '/bulletins/b-1/' };
    expect(culpritOf(`${itemTag(other)} 失败\n${itemTag(item)} 也失败`)?.item).toEqual(item);
    expect(culpritOf(`附件损坏 [${itemTag(other)}] [${itemTag(item)}]`)).toEqual({ item, message: '附件损坏' });
  });

  it('names a bulletin whose file could not be written (a name too long for the file system)', () => {
    expect(
      culpritOf("ENAMETOOLONG: name too long, open '/srv/epi/apps/public/.epi-site-out/bulletins/Xy9_k2/attachments/a1/附附附.png'"),
    ).toEqual({
      item: { kind: 'bulletin', id: 'Xy9_k2', path: '/bulletins/Xy9_k2/' },
      message: "ENAMETOOLONG: name too long, open '/srv/epi/apps/public/.epi-site-out/bulletins/Xy9_k2/attachments/a1/附附附.png'",
    });
  });

  it('names nothing for other failures, and ignores tags it cannot trust', () => {
    expect(culpritOf('site build exited with 1\nerror: page /zones failed')).toBeNull();
    expect(culpritOf('epi-item:{"kind":"zone","id":"z1","path":"/zones/z1/"}')).toBeNull();
    expect(culpritOf('epi-item:{"kind":"bulletin","id":"b1","path":"relative"}')).toBeNull();
    expect(culpritOf('epi-item:{not json}')).toBeNull();
  });

  it('passes results through untouched', async () => {
    expect(await forItem(item, () => 42)).toBe(42);
  });
});
