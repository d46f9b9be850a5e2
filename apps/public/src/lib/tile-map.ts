// A schematic tile map of the 24 county-level units: one square per unit, hand-placed on a grid
// so that neighbours stay roughly where they are (mountain counties west, the city centre in the
// middle). Not a geographic map: sizes and borders are not real.
import type { District } from '@epi/core';
import type { DistrictSummary, ZoneInForceLike } from './district-wide.ts';

/** Grid position (column, row) of each unit by its code. */
export const TILE_POSITIONS: Record<string, { col: number; row: number }> = {
  '130126': { col: 1, row: 0 }, // 灵寿县
  '130125': { col: 2, row: 0 }, // 行唐县
  '130184': { col: 3, row: 0 }, // 新乐市
  '130130': { col: 4, row: 0 }, // 无极县
  '130128': { col: 5, row: 0 }, // 深泽县
  '130131': { col: 0, row: 1 }, // 平山县
  '130123': { col: 3, row: 1 }, // 正定县 (north of the centre)
  '130121': { col: 0, row: 2 }, // 井陉县
  '130110': { col: 1, row: 2 }, // 鹿泉区 (west of the centre)
  '130105': { col: 2, row: 2 }, // 新华区
  '130102': { col: 3, row: 2 }, // 长安区
  '130109': { col: 4, row: 2 }, // 藁城区 (east of the centre)
  '130183': { col: 5, row: 2 }, // 晋州市
  '130107': { col: 0, row: 3 }, // 井陉矿区
  '130104': { col: 2, row: 3 }, // 桥西区
  '130108': { col: 3, row: 3 }, // 裕华区
  '130171': { col: 4, row: 3 }, // 高新区
  '130172': { col: 5, row: 3 }, // 循环化工园区
  '130181': { col: 6, row: 3 }, // 辛集市
  '130129': { col: 1, row: 4 }, // 赞皇县
  '130132': { col: 2, row: 4 }, // 元氏县
  '130111': { col: 3, row: 4 }, // 栾城区 (south of the centre)
  '130133': { col: 4, row: 4 }, // 赵县
  '130127': { col: 2, row: 5 }, // 高邑县
};

export interface Tile<Z extends ZoneInForceLike> {
  summary: DistrictSummary<Z>;
  col: number;
  row: number;
}

/**
 * Tiles for the districts that have a position; a district added later without one is placed
 * on an extra row below, so it is never silently left off.
 */
export function placeTiles<Z extends ZoneInForceLike>(summaries: DistrictSummary<Z>[]): { tiles: Tile<Z>[]; cols: number; rows: number } {
  let cols = 0;
  let rows = 0;
  const placed: Tile<Z>[] = [];
  const unplaced: DistrictSummary<Z>[] = [];
  for (const s of summaries) {
    const p = TILE_POSITIONS[s.code];
    if (!p) {
      unplaced.push(s);
      continue;
    }
    placed.push({ summary: s, ...p });
    cols = Math.max(cols, p.col + 1);
    rows = Math.max(rows, p.row + 1);
  }
  cols = Math.max(cols, 1);
  unplaced.forEach((s, i) => placed.push({ summary: s, col: i % cols, row: rows + Math.floor(i / cols) }));
  if (unplaced.length > 0) rows += Math.ceil(unplaced.length / cols);
  return { tiles: placed, cols, rows };
}

/** The label on a tile: the short name ('高新区'), which fits a tile. */
export const tileLabel = (d: Pick<District, 'name' | 'shortName'>) => d.shortName || d.name;
