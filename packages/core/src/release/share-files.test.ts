import { lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shareUnchangedFiles } from './share-files.ts';

describe('releases sharing their unchanged files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'epi-share-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const site = (name: string, files: Record<string, string>) => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, path, '..'), { recursive: true });
      writeFileSync(join(dir, name, path), text);
    }
    return join(dir, name);
  };

  it('links the files equal to the live release’s, keeps the changed and new ones, and removing the old release leaves the new one whole', () => {
    const live = site('r1', { 'index.html': 'home', 'zones/index.html': 'zones v1', '_astro/app.css': 'css', 'old.html': 'gone' });
    const next = site('r2', { 'index.html': 'home', 'zones/index.html': 'zones v2', '_astro/app.css': 'css', 'new.html': 'new' });
    expect(shareUnchangedFiles(next, live)).toEqual({ files: 2, bytes: 'home'.length + 'css'.length });
    const same = (path: string) => lstatSync(join(next, path)).ino === lstatSync(join(live, path)).ino;
    expect(['index.html', '_astro/app.css'].map(same)).toEqual([true, true]);
    expect(['zones/index.html', 'new.html'].map((p) => lstatSync(join(next, p)).nlink)).toEqual([1, 1]);
    rmSync(live, { recursive: true, force: true });
    expect(readFileSync(join(next, 'index.html'), 'utf8')).toBe('home');
    expect(readFileSync(join(next, 'zones/index.html'), 'utf8')).toBe('zones v2');
  });

  it('never shares a file of the same size with different bytes', () => {
    const live = site('a', { 'x.html': 'abcd' });
    const next = site('b', { 'x.html': 'abce' });
    expect(shareUnchangedFiles(next, live)).toEqual({ files: 0, bytes: 0 });
  });
});
