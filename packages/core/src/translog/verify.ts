// Checks a published transparency log the way an outsider would: from its files alone (a site's
// URL or a release folder), with a verifier key obtained apart from them.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { leafHash, readEntryBundle, rootOf, tilePath, tiles, TILE_WIDTH } from './merkle.ts';
import { openCheckpoint } from './note.ts';
import type { LogEntry } from './log.ts';

/** What a verifier remembers of the last tree it checked. */
export interface SeenTree {
  size: number;
  root: string;
}

export interface LogVerification {
  ok: boolean;
  size: number;
  root: string;
  /** Each problem found, in words. */
  problems: string[];
  /** The entries, for checking that items are in the log. */
  entries: LogEntry[];
}

/** Reads a log file from a site ('https://…/log/…') or a release folder ('…/log/…'); null when missing. */
function reader(source: string): (path: string) => Promise<Buffer | null> {
  if (/^https?:\/\//.test(source)) {
    const base = new URL('log/', source.endsWith('/') ? source : `${source}/`);
    return async (path) => {
      const response = await fetch(new URL(path, base));
      if (response.status === 404) return null;
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      return Buffer.from(await response.arrayBuffer());
    };
  }
  return async (path) => readFile(join(source, 'log', path)).catch(() => null);
}

/**
 * Verifies the checkpoint's signature, that the entries give its root and the tiles are those of its
 * tree, that `seen` (a tree checked before) is the start of it, and that each of `paths` is in it.
 */
export async function verifyLog(
  source: string,
  vkey: string,
  options: { seen?: SeenTree | null; paths?: readonly string[] } = {},
): Promise<LogVerification> {
  const get = reader(source);
  const note = await get('checkpoint');
  if (!note) throw new Error('找不到检查点（log/checkpoint）');
  const checkpoint = openCheckpoint(note.toString('utf8'), vkey);
  const problems: string[] = [];
  const data: Buffer[] = [];
  for (let n = 0; n * TILE_WIDTH < checkpoint.size; n += 1) {
    const width = Math.min(TILE_WIDTH, checkpoint.size - n * TILE_WIDTH);
    const bundle = await get(tilePath('entries', n, width));
    if (!bundle) {
      problems.push(`缺少条目文件 ${tilePath('entries', n, width)}`);
      break;
    }
    try {
      data.push(...readEntryBundle(bundle).slice(0, width));
    } catch {
      problems.push(`条目文件 ${tilePath('entries', n, width)} 格式不正确`);
      break;
    }
  }
  const leaves = data.map(leafHash);
  if (problems.length === 0 && !rootOf(leaves).equals(checkpoint.root)) problems.push('条目算出的根哈希与检查点不符');
  if (problems.length === 0) {
    for (const tile of tiles(leaves)) {
      const published = await get(tile.path);
      if (!published || !published.equals(tile.content)) problems.push(`瓦片 ${tile.path} 与条目不符`);
    }
  }
  const seen = options.seen;
  if (seen) {
    if (seen.size > checkpoint.size) problems.push(`日志变短了：此前见过 ${seen.size} 条，现在只有 ${checkpoint.size} 条`);
    else if (leaves.length >= seen.size && rootOf(leaves.slice(0, seen.size)).toString('base64') !== seen.root) {
      problems.push(`前 ${seen.size} 条与此前见过的不一致：日志被改写过`);
    }
  }
  const entries = data.flatMap((d) => {
    try {
      return [JSON.parse(d.toString('utf8')) as LogEntry];
    } catch {
      problems.push('有条目不是有效的 JSON');
      return [];
    }
  });
  for (const path of options.paths ?? []) {
    if (!entries.some((e) => e.path === path)) problems.push(`${path} 不在日志中`);
  }
  return { ok: problems.length === 0, size: checkpoint.size, root: checkpoint.root.toString('base64'), problems, entries };
}
