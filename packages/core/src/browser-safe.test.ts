import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The root entry is bundled into the admin console's browser code: nothing reachable from it
// may need Node built-ins, SQLite or the password hasher.
const SERVER_ONLY = /^(node:|better-sqlite3$|@node-rs\/argon2$|kysely)/;

function reachable(entry: string): { files: Set<string>; external: Map<string, string> } {
  const files = new Set<string>();
  const external = new Map<string, string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    // Value imports and re-exports only: `import type` / `export type` vanish at run time.
    const pattern = /^(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm;
    for (const [, spec] of source.matchAll(pattern)) {
      if (spec!.startsWith('.')) visit(join(dirname(file), spec!));
      else external.set(spec!, file);
    }
  };
  visit(entry);
  return { files, external };
}

describe('the browser-safe entry', () => {
  it('reaches no server-only module', () => {
    const { files, external } = reachable(join(dirname(fileURLToPath(import.meta.url)), 'index.ts'));
    expect(files.size).toBeGreaterThan(10);
    const offending = [...external].filter(([spec]) => SERVER_ONLY.test(spec)).map(([spec, from]) => `${spec} (from ${from})`);
    expect(offending).toEqual([]);
  });

  it('keeps the time entry (`@epi/core/time`) free of imports, for scripts sent to every reader', () => {
    const { files, external } = reachable(join(dirname(fileURLToPath(import.meta.url)), 'shared', 'time.ts'));
    expect([...files].map((f) => f.split(/[\\/]/).slice(-2).join('/'))).toEqual(['shared/time.ts']);
    expect([...external.keys()]).toEqual([]);
  });
});
