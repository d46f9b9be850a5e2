import { describe, expect, it } from 'vitest';
import { DISTRICTS, lift, relevel, seal, zone } from '../test-support/zones.ts';
import { buildLookupIndex } from './lookup-index.ts';
import { distinctAddress } from './zones.ts';
import { assembleIndex, findZones, normaliseText, parseCharMap, prepareIndex, queryTerms, shardsFor, type LookupIndex } from './lookup.ts';
import { buildT2sMap, charMapToPairs } from './t2s-map.ts';

const NOW = '2021-01-16T12:00:00+08:00';
const zones = [
  zone({ name: '藁城区全域', kind: 'district', address: '藁城区全域' }, [seal('high', '2021-01-06T00:00:00+08:00')], NOW),
  zone({ name: '增村镇小果庄村', address: '藁城区增村镇小果庄村' }, [seal('high', '2021-01-05T00:00:00+08:00')], NOW),
  zone({ name: '廉州镇东四公村' }, [seal('high', '2021-01-10T00:00:00+08:00'), lift('2021-02-08T00:00:00+08:00')], NOW),
  zone(
    { name: '合作路街道华兴小区', districtCode: '130105', kind: 'community', address: '新华区合作路与友谊大街交口东北角３号楼' },
    [seal('medium', '2021-01-07T12:00:00+08:00')],
    NOW,
  ),
  zone({ name: '发展里社区', districtCode: '130171', kind: 'community' }, [seal('medium', '2021-01-08T00:00:00+08:00')], NOW),
  zone({ name: '天地名城小区', districtCode: '130581', kind: 'community' }, [seal('medium', '2021-01-04T00:00:00+08:00')], NOW),
  zone({ name: '合作路街道', districtCode: '130105', kind: 'town' }, [seal('medium', '2021-01-09T00:00:00+08:00')], NOW),
  zone({ name: '调为低风险的村' }, [seal('medium', '2021-01-08T00:00:00+08:00'), relevel('low', '2021-01-12T00:00:00+08:00')], NOW),
  zone({ name: '已解除的村' }, [seal('low', '2021-01-07T00:00:00+08:00'), lift('2021-01-10T00:00:00+08:00')], NOW),
];
const built = buildLookupIndex({ zones, districts: DISTRICTS, builtAt: new Date(NOW), now: new Date(NOW).toISOString() });
// As the browser gets them: the head and every shard, through JSON.
const head = JSON.parse(JSON.stringify(built.head)) as typeof built.head;
const shards = [...built.shards.values()].map((s) => JSON.parse(JSON.stringify(s)) as typeof s);
const index: LookupIndex = assembleIndex(head, shards);
const prepared = prepareIndex(index);
const names = (query: string) => findZones(prepared, query).map((z) => z[1]);

describe('lookup index (built at build time)', () => {
  it('finds an area of another city of the province by its county, with or without the city', () => {
    const area = index.zones.find((z) => z[1] === '天地名城小区')!;
    expect(index.districts[area[2]]).toMatchObject({ code: '130581', name: '邢台市南宫市', shortName: '南宫市' });
    expect(names('南宫 天地名城')).toEqual(['天地名城小区']);
    expect(names('邢台市南宫市')).toEqual(['天地名城小区']);
  });

  it('holds only the zones under control (not lifted, not lowered to 低风险), with district, level, since and the whole-district measure they lie within', () => {
    expect(index.zones.map((z) => z[1])).toEqual([
      '藁城区全域',
      '增村镇小果庄村',
      '廉州镇东四公村',
      '合作路街道华兴小区',
      '发展里社区',
      '天地名城小区',
      '合作路街道',
    ]);
    const village = index.zones.find((z) => z[1] === '增村镇小果庄村')!;
    expect(index.districts[village[2]]?.name).toBe('藁城区');
    expect(index.levels[village[4]]?.name).toBe('高风险');
    expect(village[5]).toBe('2021-01-04T16:00Z');
    expect(prepared.byId.get(village[6])?.[1]).toBe('藁城区全域');
    expect(index.districtWide.map((id) => prepared.byId.get(id)?.[1])).toEqual(['藁城区全域']);
  });

  it('is split: a head with the whole-district and township measures, and a shard per district with its other zones', () => {
    expect(head.zones.map((z) => z[1])).toEqual(['藁城区全域', '合作路街道']);
    expect(Object.fromEntries(shards.map((s) => [s.district, s.zones.map((z) => z[1])]))).toEqual({
      '130109': ['增村镇小果庄村', '廉州镇东四公村'],
      '130105': ['合作路街道华兴小区'],
      '130171': ['发展里社区'],
      '130581': ['天地名城小区'],
    });
    expect(shards.every((s) => s.asOf === head.asOf)).toBe(true);
    expect(head.districts.find((d) => d.code === '130109')?.zones).toBe(2);
    // A query naming a district needs its shard only; one naming none needs every shard.
    expect(shardsFor(head, '藁城区小果庄')).toEqual(['130109']);
    expect(shardsFor(head, '藁城區 小果莊')).toEqual(['130109']);
    expect(shardsFor(head, '南宫市 天地名城')).toEqual(['130581']);
    expect(shardsFor(head, '华兴小区').sort()).toEqual(['130105', '130109', '130171', '130581']);
    // A district's name without 区 may be part of a place's name anywhere: every shard.
    expect(shardsFor(head, '藁城小果庄').sort()).toEqual(['130105', '130109', '130171', '130581']);
    expect(shardsFor(head, '新华小区').sort()).toEqual(['130105', '130109', '130171', '130581']);
    // With only that shard loaded, the answer is the same as with all of them.
    const one = prepareIndex(
      assembleIndex(
        head,
        shards.filter((s) => s.district === '130109'),
      ),
    );
    expect(findZones(one, '藁城区小果庄').map((z) => z[1])).toEqual(['藁城区全域', '增村镇小果庄村']);
    expect(findZones(one, '新华区合作路街道友谊大街88号').map((z) => z[1])).toEqual(['合作路街道']);
  });

  it('says when the next announced change takes effect', () => {
    expect(index.zones.find((z) => z[1] === '廉州镇东四公村')?.[7]).toBe('2月8日 00:00起解除管控');
  });

  it('drops an address that only repeats the district and the name', () => {
    expect(index.zones.find((z) => z[1] === '增村镇小果庄村')?.[3]).toBe('');
    expect(distinctAddress({ name: '华兴小区', districtName: '新华区', address: '新华区合作路3号' })).toBe('合作路3号');
    expect(distinctAddress({ name: '华兴小区', districtName: '新华区', address: null })).toBe('');
  });

  it('ships a traditional → simplified map for the indexed characters only', () => {
    const map = parseCharMap(index.t2s);
    expect(map.get('莊')).toBe('庄');
    expect(map.get('區')).toBe('区');
    expect(map.get('髮')).toBe('发');
    expect(map.get('發')).toBe('发');
    expect(map.get('裡')).toBe('里');
    expect(map.get('裏')).toBe('里');
    // 愛 → 爱, but 爱 is in no indexed name.
    expect(map.has('愛')).toBe(false);
    expect(index.t2s.length).toBeLessThan(400);
  });
});

describe('lookup matching', () => {
  it('finds a zone by any part of its name', () => {
    expect(names('小果庄')).toEqual(['增村镇小果庄村']);
    expect(names('果庄')).toEqual(['增村镇小果庄村']);
    expect(names('增村镇')).toEqual(['增村镇小果庄村']);
  });

  it('finds a compound by its own name without district or street', () => {
    expect(names('华兴小区')).toEqual(['合作路街道华兴小区']);
  });

  it('finds zones by district, address and the short name of a development zone', () => {
    expect(names('友谊大街')).toEqual(['合作路街道华兴小区']);
    expect(names('高新区')).toEqual(['发展里社区']);
    expect(names('藁城')).toEqual(['藁城区全域', '增村镇小果庄村', '廉州镇东四公村']);
  });

  it('accepts the district typed before the name, with or without separators or 区; the whole-district measure answers first', () => {
    expect(names('藁城区小果庄')).toEqual(['藁城区全域', '增村镇小果庄村']);
    expect(names('藁城小果庄')).toEqual(['藁城区全域', '增村镇小果庄村']);
    expect(names('藁城区 小果庄')).toEqual(['藁城区全域', '增村镇小果庄村']);
    expect(names('藁城区，小果庄')).toEqual(['藁城区全域', '增村镇小果庄村']);
    expect(names('新华区小果庄')).toEqual([]);
  });

  it('answers a whole address: inside the whole-district measure first, extra words of the address no obstacle', () => {
    expect(names('藁城 建设路 12号')).toEqual(['藁城区全域']);
    expect(names('石家庄市藁城区建设路12号')).toEqual(['藁城区全域']);
    expect(names('藁城區建設路12號')).toEqual(['藁城区全域']);
    // A township designated as a whole answers first too.
    expect(names('新华区合作路街道华兴小区3号楼2单元')).toEqual(['合作路街道', '合作路街道华兴小区']);
    expect(names('新华区合作路街道友谊大街88号')).toEqual(['合作路街道']);
    expect(names('河北省邢台市南宫市天地名城小区5号楼')).toEqual(['天地名城小区']);
    expect(names('新华区建设路12号')).toEqual([]);
  });

  it('matches traditional characters, including Taiwan and Hong Kong forms', () => {
    expect(names('小果莊')).toEqual(['增村镇小果庄村']);
    expect(names('藁城區 小果莊村')).toEqual(['藁城区全域', '增村镇小果庄村']);
    expect(names('華興小區')).toEqual(['合作路街道华兴小区']);
    expect(names('發展裡')).toEqual(['发展里社区']);
  });

  it('matches full-width letters, digits and spaces, and either width in the data', () => {
    expect(normaliseText('ＡＢＣ１２３　', new Map())).toBe('abc123');
    expect(names('３号楼')).toEqual(['合作路街道华兴小区']);
    expect(names('3号楼')).toEqual(['合作路街道华兴小区']);
    expect(names('　小果庄　')).toEqual(['增村镇小果庄村']);
  });

  it('needs every term of the query, unless the query names a district under a whole-district measure', () => {
    expect(queryTerms('藁城　小果庄', new Map())).toEqual(['藁城', '小果庄']);
    expect(names('新华 小果庄')).toEqual([]);
    expect(names('藁城 华兴')).toEqual(['藁城区全域']);
  });

  it('finds nothing for a place in no zone, for a lifted zone, and for an empty query', () => {
    expect(names('不存在的村')).toEqual([]);
    expect(names('已解除')).toEqual([]);
    expect(names('   ')).toEqual([]);
  });

  it('ranks zones whose name starts with the query first', () => {
    expect(names('村')[0]).toBe('增村镇小果庄村');
  });
});

describe('traditional → simplified map', () => {
  it('covers characters whose traditional form depends on the word (干 → 乾, 幹)', () => {
    const map = buildT2sMap(['干部村', '石家庄']);
    expect(map.get('幹')).toBe('干');
    expect(map.get('乾')).toBe('干');
    expect(map.get('莊')).toBe('庄');
  });

  it('is written as sorted pairs', () => {
    expect(
      charMapToPairs(
        new Map([
          ['區', '区'],
          ['莊', '庄'],
        ]),
      ),
    ).toBe('區区莊庄');
    expect(parseCharMap('區区莊庄')).toEqual(
      new Map([
        ['區', '区'],
        ['莊', '庄'],
      ]),
    );
  });
});
