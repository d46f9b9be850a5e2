// The operator command line: `npm run epi -- <command>` (help: `npm run epi -- help`).
// Commands work on the database of EPI_DATABASE_URL through the same core functions as the console.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DomainError, type Db } from '@epi/core/server';
import { openSystem, type Command } from './command.ts';
import { readConfig } from './config.ts';
import { CommandError, describeError, EXIT_FAILED, EXIT_OK, EXIT_USAGE, line, UsageError, type Io } from './io.ts';
import { blockedList, blockedRetry, publish } from './publish.ts';
import { auditCommands } from './audit.ts';
import { logCommands } from './log.ts';
import { backupCommands } from './backup.ts';
import { conferenceCommands } from './conferences.ts';
import { demoCommands } from './demo.ts';
import { reportCommands } from './report.ts';
import { userCommands } from './user.ts';
import { zonesCommands } from './zones.ts';
import { zoneChangeCommands } from './zone-changes.ts';

export const COMMANDS: Command[] = [
  ...userCommands,
  ...zonesCommands,
  ...zoneChangeCommands,
  ...reportCommands,
  ...conferenceCommands,
  ...demoCommands,
  publish,
  blockedList,
  blockedRetry,
  ...backupCommands,
  ...auditCommands,
  ...logCommands,
];

const OVERVIEW = [
  'usage: npm run epi -- <command> [arguments] [options]',
  '',
  'Works on the database of EPI_DATABASE_URL (default sqlite:.data/epi.sqlite), creating and migrating it',
  'when missing. Writes go through the same checks as the console and are recorded in the audit log as',
  'the account named by --user. Demo accounts and demo data only with EPI_DEMO=1 (default 0).',
  '',
  'Commands:',
];
const FOOTER = [
  '',
  'Run `npm run epi -- help <command>` (or `<command> --help`) for its arguments and options.',
  'Exit codes: 0 done, 1 refused or failed (the message names the row or field), 2 wrong usage.',
];

function overview(): string {
  const names = COMMANDS.map((c) => [c.name, ...c.args].join(' '));
  const width = Math.max(...names.map((n) => n.length));
  return [...OVERVIEW, ...COMMANDS.map((c, i) => `  ${names[i]!.padEnd(width)}  ${c.summary}`), ...FOOTER].join('\n');
}

function usageOf(command: Command): string {
  const required = Object.entries(command.options).filter(([, o]) => o.required);
  return [command.name, ...command.args, ...required.map(([k, o]) => `--${k} ${o.value}`), '[options]'].join(' ');
}

export function helpOf(command: Command): string {
  const options = Object.entries(command.options).map(([name, o]) => [`--${name}${o.value ? ` ${o.value}` : ''}`, o.description] as const);
  options.push(['--help', 'show this help']);
  const width = Math.max(...options.map(([flag]) => flag.length));
  return [
    `usage: npm run epi -- ${usageOf(command)}`,
    '',
    `${command.summary[0]!.toUpperCase()}${command.summary.slice(1)}.`,
    '',
    'Options:',
    ...options.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
    '',
    ...command.details,
  ].join('\n');
}

/** The command named by the first words of argv, and the words after it. */
function findCommand(words: string[]): { command: Command; rest: string[] } | null {
  for (const command of COMMANDS) {
    const parts = command.name.split(' ');
    if (parts.every((p, i) => words[i] === p)) return { command, rest: words.slice(parts.length) };
  }
  return null;
}

function unknownCommand(words: string[]): UsageError {
  const group = COMMANDS.filter((c) => c.name.startsWith(`${words[0]} `));
  if (group.length > 0) {
    const what = words[1] ? `unknown command "${words[0]} ${words[1]}"` : `"${words[0]}" needs a command`;
    return new UsageError(`${what}; one of: ${group.map((c) => c.name).join(', ')}`);
  }
  return new UsageError(`unknown command "${words[0]}"`);
}

/** Runs one command line; returns the exit code. Nothing here exits the process. */
export async function run(argv: string[], partialIo: Partial<Io> = {}): Promise<number> {
  const io: Io = {
    stdin: partialIo.stdin ?? process.stdin,
    stdout: partialIo.stdout ?? process.stdout,
    stderr: partialIo.stderr ?? process.stderr,
    env: partialIo.env ?? process.env,
    now: partialIo.now ?? (() => new Date()),
  };
  let db: Db | null = null;
  try {
    if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || (argv[0] === 'help' && argv.length === 1)) {
      line(argv.length === 0 ? io.stderr : io.stdout, overview());
      return argv.length === 0 ? EXIT_USAGE : EXIT_OK;
    }
    if (argv[0] === 'help') {
      const found = findCommand(argv.slice(1));
      if (!found || found.rest.length > 0) throw unknownCommand(argv.slice(1));
      line(io.stdout, helpOf(found.command));
      return EXIT_OK;
    }
    const found = findCommand(argv);
    if (!found) throw unknownCommand(argv);
    const { command } = found;
    if (found.rest.includes('--help') || found.rest.includes('-h')) {
      line(io.stdout, helpOf(command));
      return EXIT_OK;
    }
    const options = Object.fromEntries(
      Object.entries(command.options).map(([k, o]) => [k, { type: o.type, multiple: o.multiple ?? false }]),
    );
    let parsed: { values: Record<string, string | boolean | Array<string | boolean> | undefined>; positionals: string[] };
    try {
      parsed = parseArgs({ args: found.rest, options, allowPositionals: true, strict: true });
    } catch (error) {
      throw new UsageError((error as Error).message.split('. To specify')[0]!, command.name);
    }
    if (parsed.positionals.length !== command.args.length) {
      const expected = command.args.length === 0 ? 'no arguments' : command.args.join(' ');
      throw new UsageError(
        `${command.name} takes ${expected}, got ${parsed.positionals.length === 0 ? 'none' : parsed.positionals.join(' ')}`,
        command.name,
      );
    }
    for (const [name, o] of Object.entries(command.options)) {
      if (o.required && !parsed.values[name]) throw new UsageError(`--${name} ${o.value} is required`, command.name);
    }
    const config = readConfig(io.env);
    return await command.run({
      io,
      config,
      values: parsed.values,
      args: parsed.positionals,
      db: async () => (db ??= await openSystem(config, io)),
    });
  } catch (error) {
    if (error instanceof UsageError) {
      line(io.stderr, `epi: ${error.message}`);
      line(io.stderr, `Run \`npm run epi -- help${error.command ? ` ${error.command}` : ''}\` for usage.`);
      return EXIT_USAGE;
    }
    for (const message of describeError(error)) line(io.stderr, `epi: ${message}`);
    // Not a refusal but a fault: keep the trace for whoever investigates.
    const refusal = error instanceof CommandError || error instanceof DomainError || Array.isArray((error as { issues?: unknown }).issues);
    if (!refusal && error instanceof Error && error.stack) line(io.stderr, error.stack);
    return EXIT_FAILED;
  } finally {
    if (db) await (db as Db).destroy();
  }
}

const invokedDirectly = process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
if (invokedDirectly) process.exitCode = await run(process.argv.slice(2));
