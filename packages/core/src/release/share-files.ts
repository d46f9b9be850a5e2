// Releases share the files they have in common: a file of a new release equal to the same file of
// the live one becomes a hard link to it, so ten kept releases take little more room than one.
// Releases are never written to once built, so sharing is safe; removing an old release removes
// its names only. Where the file system does not allow hard links, files stay copies.
import { linkSync, lstatSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export interface Shared {
  files: number;
  bytes: number;
}

/** Replaces each file under `dir` equal to the file at the same path under `previous` by a hard link to it. */
export function shareUnchangedFiles(dir: string, previous: string): Shared {
  const shared: Shared = { files: 0, bytes: 0 };
  const walk = (rel: string): boolean => {
    for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const path = join(rel, entry.name);
      if (entry.isDirectory()) {
        if (!walk(path)) return false;
        continue;
      }
      if (!entry.isFile()) continue;
      const mine = join(dir, path);
      const theirs = join(previous, path);
      const a = lstatSync(mine);
      const b = lstatSync(theirs, { throwIfNoEntry: false });
      if (!b?.isFile() || b.size !== a.size || b.ino === a.ino || !readFileSync(mine).equals(readFileSync(theirs))) continue;
      const tmp = `${mine}.share-tmp`;
      try {
        linkSync(theirs, tmp);
        renameSync(tmp, mine);
      } catch {
        // No hard links here (another file system, a limit on links): the rest stay copies.
        rmSync(tmp, { force: true });
        return false;
      }
      shared.files += 1;
      shared.bytes += a.size;
    }
    return true;
  };
  walk('');
  return shared;
}
