// Backup and restore of the database from the command line.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { backupDatabase, BackupError, restoreDatabase } from '@epi/core/server';
import { JSON_OPTION, type Command } from './command.ts';
import { CommandError, EXIT_OK, line } from './io.ts';

export const backup: Command = {
  name: 'backup',
  args: ['FILE'],
  options: { json: { ...JSON_OPTION, description: 'print {"file","tables":{name: rows}} on standard output' } },
  summary: 'write a consistent backup of the database to FILE, safe while the console runs',
  details: [
    'The backup is one consistent snapshot of the database (SQLite VACUUM INTO), taken while the console',
    'may be writing: a change made meanwhile is either wholly in it or not at all. Never copy the database',
    'files themselves while the system runs: the latest changes may still be in the write-ahead log.',
    'FILE must not exist. Restore it with `epi restore FILE`. Releases of the public site are rebuilt from',
    'the data and need no backup.',
    'Example: npm run epi -- backup /var/backups/epi/epi-2021-01-15.sqlite',
  ],
  async run({ io, values, args, db }) {
    const file = resolve(args[0]!);
    if (existsSync(file)) throw new CommandError(`${file} already exists: choose a new file name`);
    let tables: Record<string, number>;
    try {
      tables = await backupDatabase(await db(), file);
    } catch (error) {
      if (error instanceof BackupError) throw new CommandError(error.message);
      throw error;
    }
    if (values.json) line(io.stdout, JSON.stringify({ file, tables }));
    else {
      const rows = Object.values(tables).reduce((a, b) => a + b, 0);
      line(io.stdout, `Backed up ${Object.keys(tables).length} tables (${rows} rows) to ${file}.`);
    }
    return EXIT_OK;
  },
};

export const restore: Command = {
  name: 'restore',
  args: ['FILE'],
  options: {},
  summary: 'replace the database with the backup FILE; refused while the console runs',
  details: [
    'Stop the console first (`npm start` on this data folder): a restore while it runs is refused. The',
    'backup is checked (SQLite integrity, made by this system, not by a newer version) before anything is',
    'replaced; the database it replaces is kept beside it as <database>.before-restore-<time>. Start the',
    'console afterwards: it migrates a backup made by an older version and rebuilds the public site.',
    'Example: npm run epi -- restore /var/backups/epi/epi-2021-01-15.sqlite',
  ],
  // Works on the files alone: the database is not opened the usual way, which would hold it.
  async run({ io, config, args }) {
    const file = resolve(args[0]!);
    let kept: string | null;
    try {
      kept = await restoreDatabase(config.databaseUrl, file, config.dataDir, io.now());
    } catch (error) {
      if (error instanceof BackupError) throw new CommandError(error.message);
      throw error;
    }
    line(io.stdout, `Restored ${config.databaseUrl.replace(/^sqlite:/, '')} from ${file}.`);
    if (kept) line(io.stdout, `The database it replaced is kept as ${kept}.`);
    line(io.stdout, 'Start the console to migrate it if needed and rebuild the public site.');
    return EXIT_OK;
  },
};

export const backupCommands: Command[] = [backup, restore];
