// How a build failure names the item it failed on, so that the publisher can set that one item
// aside and publish the rest. Browser-safe: the public site's build tags its errors with it.

/** The items that can be set aside: content with pages of their own. Zones and figures never are:
 * a sealed area or a day's figures silently missing from the site would mislead residents, so a
 * failure there stops the release and the live site stays as it was. */
export const BLOCKABLE_KINDS = ['bulletin', 'press_conference'] as const;
export type BlockableKind = (typeof BLOCKABLE_KINDS)[number];
export const BLOCKABLE_KIND_LABELS: Record<BlockableKind, string> = { bulletin: '公告', press_conference: '新闻发布会' };

export interface ItemRef {
  kind: BlockableKind;
  id: string;
  /** Its public page. */
  path: string;
}

const TAG = 'epi-item:';
const TAG_PATTERN = /epi-item:(\{[^{}\n]*\})/g;
/** A file of a bulletin's folder the build could not write (a name too long, a full folder). */
const BULLETIN_FILE = /\.epi-site-out\/bulletins\/([^/\s'"]+)\//;

/** The tag a build error carries for the item it failed on. */
export function itemTag(item: ItemRef): string {
  return `${TAG}${JSON.stringify({ kind: item.kind, id: item.id, path: item.path })}`;
}

function isItemRef(value: unknown): value is ItemRef {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    BLOCKABLE_KINDS.includes(v.kind as BlockableKind) &&
    typeof v.id === 'string' &&
    v.id.length > 0 &&
    typeof v.path === 'string' &&
    v.path.startsWith('/')
  );
}

/** What a failed build's output says of one item: the item, and the line that says what went wrong with it. */
export interface Culprit {
  item: ItemRef;
  message: string;
}

/** The item a failed build's output names: the last tag in it, else a bulletin's file it could not write; null when none. */
export function culpritOf(output: string): Culprit | null {
  const lines = output.split('\n');
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    for (const match of [...lines[i]!.matchAll(TAG_PATTERN)].reverse()) {
      let value: unknown;
      try {
        value = JSON.parse(match[1]!);
      } catch {
        continue; // not one of ours
      }
      if (isItemRef(value)) return { item: value, message: lineWithout(lines[i]!) };
    }
  }
  for (const line of lines) {
    const file = BULLETIN_FILE.exec(line);
    if (file) return { item: { kind: 'bulletin', id: file[1]!, path: `/bulletins/${file[1]}/` }, message: line.trim() };
  }
  return null;
}

/** A line of output without the tags in it and the log's own prefix. */
function lineWithout(line: string): string {
  return line
    .replace(/\s*\[?epi-item:\{[^{}\n]*\}\]?/g, '')
    .replace(/^\s*(\[[A-Za-z]+\]\s*)+/, '')
    .trim();
}

/** Runs one item's part of the build; an error it throws names the item. */
export async function forItem<T>(item: ItemRef, work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message} [${itemTag(item)}]`, { cause: error });
  }
}
