// What a zip file (an XLSX) would take once unpacked, read from its central directory alone, before
// anything is unpacked: a 4 MB spreadsheet can hold hundreds of megabytes of text.

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

/**
 * The total unpacked size the zip declares for its entries; null when its directory cannot be read
 * (not a zip, damaged) or uses ZIP64 sizes (over 4 GB: too big in any case, Infinity).
 */
export function zipUnpackedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-directory record: 22 bytes, then a comment of up to 65 535 bytes.
  let end = -1;
  for (let i = bytes.byteLength - 22; i >= Math.max(0, bytes.byteLength - 22 - 65_535); i -= 1) {
    if (view.getUint32(i, true) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  if (entries === 0xffff || at === 0xffffffff) return Infinity;
  let total = 0;
  for (let n = 0; n < entries; n += 1) {
    if (at + 46 > bytes.byteLength || view.getUint32(at, true) !== CENTRAL) return null;
    const size = view.getUint32(at + 24, true);
    if (size === 0xffffffff) return Infinity;
    total += size;
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return total;
}
