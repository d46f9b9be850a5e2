// RFC 6962 Merkle tree hashing, and the tiles of C2SP tlog-tiles: the layout in which the Go checksum
// database and static Certificate Transparency logs publish a log as plain files.
import { createHash } from 'node:crypto';

export type Hash = Buffer;

/** SHA-256(0x00 || entry). */
export const leafHash = (entry: Uint8Array): Hash => createHash('sha256').update(Buffer.of(0)).update(entry).digest();
/** SHA-256(0x01 || left || right). */
export const nodeHash = (left: Hash, right: Hash): Hash => createHash('sha256').update(Buffer.of(1)).update(left).update(right).digest();

/** The tree head of RFC 6962 (MTH) over leaf hashes: the empty tree's is SHA-256 of nothing. */
export function rootOf(leaves: readonly Hash[]): Hash {
  if (leaves.length === 0) return createHash('sha256').digest();
  if (leaves.length === 1) return leaves[0]!;
  let split = 1;
  while (split * 2 < leaves.length) split *= 2;
  return nodeHash(rootOf(leaves.slice(0, split)), rootOf(leaves.slice(split)));
}

export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 2 ** TILE_HEIGHT;

/** Every complete subtree's hash, by height: `nodes[h][i]` covers leaves i·2^h … (i+1)·2^h − 1. */
export function completeNodes(leaves: readonly Hash[]): Hash[][] {
  const nodes: Hash[][] = [[...leaves]];
  while (nodes.at(-1)!.length >= 2) {
    const below = nodes.at(-1)!;
    const level: Hash[] = [];
    for (let i = 0; i + 1 < below.length; i += 2) level.push(nodeHash(below[i]!, below[i + 1]!));
    nodes.push(level);
  }
  return nodes;
}

/** A tile index as a path: groups of three digits, all but the last prefixed with x ('x001/x234/067'). */
export function tileIndexPath(n: number): string {
  const digits = String(n);
  const padded = digits.padStart(Math.ceil(digits.length / 3) * 3, '0');
  const groups = padded.match(/\d{3}/g)!;
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

/** The path of tile N at level L (or of entry bundle N), partial with W < 256 hashes ('tile/0/x001/234.p/17'). */
export function tilePath(level: number | 'entries', n: number, width: number): string {
  return `tile/${level}/${tileIndexPath(n)}${width < TILE_WIDTH ? `.p/${width}` : ''}`;
}

/** The files of the tiles of a tree of these leaves: every level's tiles, the last of each partial. */
export function tiles(leaves: readonly Hash[]): Array<{ path: string; content: Buffer }> {
  const nodes = completeNodes(leaves);
  const out: Array<{ path: string; content: Buffer }> = [];
  for (let level = 0; level * TILE_HEIGHT < nodes.length; level += 1) {
    const hashes = nodes[level * TILE_HEIGHT]!;
    for (let n = 0; n * TILE_WIDTH < hashes.length; n += 1) {
      const part = hashes.slice(n * TILE_WIDTH, (n + 1) * TILE_WIDTH);
      out.push({ path: tilePath(level, n, part.length), content: Buffer.concat(part) });
    }
  }
  return out;
}

/** Entry bundles: 256 entries each, every entry a big-endian 16-bit length and its bytes. */
export function entryBundles(entries: readonly Uint8Array[]): Array<{ path: string; content: Buffer }> {
  const out: Array<{ path: string; content: Buffer }> = [];
  for (let n = 0; n * TILE_WIDTH < entries.length; n += 1) {
    const part = entries.slice(n * TILE_WIDTH, (n + 1) * TILE_WIDTH);
    const content = Buffer.concat(
      part.flatMap((e) => {
        if (e.length > 0xffff) throw new Error('a log entry longer than 65535 bytes');
        const length = Buffer.alloc(2);
        length.writeUInt16BE(e.length);
        return [length, Buffer.from(e)];
      }),
    );
    out.push({ path: tilePath('entries', n, part.length), content });
  }
  return out;
}

/** Reads an entry bundle back into its entries. */
export function readEntryBundle(content: Buffer): Buffer[] {
  const entries: Buffer[] = [];
  for (let at = 0; at < content.length;) {
    if (at + 2 > content.length) throw new Error('an entry bundle ends in the middle of a length');
    const length = content.readUInt16BE(at);
    if (at + 2 + length > content.length) throw new Error('an entry bundle ends in the middle of an entry');
    entries.push(content.subarray(at + 2, at + 2 + length));
    at += 2 + length;
  }
  return entries;
}
