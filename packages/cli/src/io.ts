import type { Readable, Writable } from 'node:stream';
import { DomainError } from '@epi/core';

/** What a command reads and writes: passed in, so tests run commands in-process. */
export interface Io {
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable;
  stderr: Writable;
  env: Record<string, string | undefined>;
  /** The current time (commands record it in the audit log). */
  now: () => Date;
}

/** The command was called wrongly (unknown command, missing or bad argument): exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  /** The command whose help to point at ('zones import'), or null for the command list. */
  readonly command: string | null;
  constructor(message: string, command: string | null = null) {
    super(message);
    this.command = command;
  }
}

/** A refusal that is not about how the command was called (a failed build): exit code 1. */
export class CommandError extends Error {
  override name = 'CommandError';
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export const line = (stream: Writable, text = '') => stream.write(`${text}\n`);

/** The message of an error for a person: the field it is about first, as the console shows it next to the field. */
export function describeError(error: unknown): string[] {
  if (error instanceof DomainError) return [error.field ? `${error.field}: ${error.message}` : error.message];
  const issues = (error as { issues?: Array<{ path: PropertyKey[]; message: string }> } | null)?.issues;
  if (Array.isArray(issues)) return issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
  return [error instanceof Error ? error.message : String(error)];
}

/** Whole standard input as UTF-8 text. */
export async function readAll(stdin: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
