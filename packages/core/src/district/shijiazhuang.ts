import type { DistrictInput } from './district.ts';

/** The city whose county-level units these are. */
export const CITY_NAME = '石家庄市';

// County-level units of Shijiazhuang with their codes (Ministry of Civil Affairs; the two
// development zones have statistical codes only and report separately).
const rows: Array<[string, string, string, DistrictInput['kind'], string?]> = [
  ['130102', '长安区', '长安区', 'district'],
  ['130104', '桥西区', '桥西区', 'district'],
  ['130105', '新华区', '新华区', 'district'],
  ['130107', '井陉矿区', '井陉矿区', 'district'],
  ['130108', '裕华区', '裕华区', 'district'],
  ['130109', '藁城区', '藁城区', 'district'],
  ['130110', '鹿泉区', '鹿泉区', 'district'],
  ['130111', '栾城区', '栾城区', 'district'],
  ['130121', '井陉县', '井陉县', 'county'],
  ['130123', '正定县', '正定县', 'county'],
  ['130125', '行唐县', '行唐县', 'county'],
  ['130126', '灵寿县', '灵寿县', 'county'],
  ['130127', '高邑县', '高邑县', 'county'],
  ['130128', '深泽县', '深泽县', 'county'],
  ['130129', '赞皇县', '赞皇县', 'county'],
  ['130130', '无极县', '无极县', 'county'],
  ['130131', '平山县', '平山县', 'county'],
  ['130132', '元氏县', '元氏县', 'county'],
  ['130133', '赵县', '赵县', 'county'],
  ['130181', '辛集市', '辛集市', 'county_city', '省直管，列入石家庄市统计'],
  ['130183', '晋州市', '晋州市', 'county_city'],
  ['130184', '新乐市', '新乐市', 'county_city'],
  ['130171', '石家庄高新技术产业开发区', '高新区', 'development_zone', '统计用代码，非行政区划'],
  ['130172', '石家庄循环化工园区', '循环化工园区', 'development_zone', '统计用代码，非行政区划'],
];

export const SHIJIAZHUANG_DISTRICTS: DistrictInput[] = rows.map(([code, name, shortName, kind, note], i) => ({
  code,
  name,
  shortName,
  kind,
  sortOrder: i + 1,
  note: note ?? null,
}));
