// The public transparency log from the command line: checking a site's log as an outsider would.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { transparencyLogKey, verifyLog, type SeenTree } from '@epi/core/server';
import { JSON_OPTION, type Command } from './command.ts';
import { CommandError, EXIT_FAILED, EXIT_OK, line } from './io.ts';

export const logVerify: Command = {
  name: 'log verify',
  args: ['SOURCE'],
  options: {
    key: { type: 'string', value: 'VKEY', description: "the log's verifier key (name+id+key); by default this system's own" },
    state: { type: 'string', value: 'FILE', description: 'the tree seen last time: checked against, then replaced by the tree seen now' },
    path: { type: 'string', value: 'PATH', multiple: true, description: 'a public page that must be in the log (repeatable)' },
    json: { ...JSON_OPTION, description: 'print {"ok","size","root","problems"} on standard output' },
  },
  summary: 'check a published transparency log: its signature, its tree, that it extends the tree seen before',
  details: [
    'SOURCE is the portal (https://yq.example.gov.cn/) or a release folder. The checkpoint must be signed',
    'by the key; the entries must give its root and the tiles must be those of its tree; with --state, the',
    'tree seen last time must be its beginning (nothing rewritten or removed), and the new tree is saved',
    'there; every --path must be in it. Exit code 1 names what failed.',
    'Example: npm run epi -- log verify https://yq.example.gov.cn/ --key "$(cat log.vkey)" --state ~/.epi-log',
  ],
  async run({ io, config, values, args }) {
    const key = (values.key as string | undefined) ?? transparencyLogKey(config.transparencyLog);
    const statePath = values.state ? resolve(values.state as string) : null;
    const seen = statePath && existsSync(statePath) ? (JSON.parse(readFileSync(statePath, 'utf8')) as SeenTree) : null;
    let result;
    try {
      result = await verifyLog(args[0]!, key, { seen, paths: (values.path as string[] | undefined) ?? [] });
    } catch (error) {
      throw new CommandError(error instanceof Error ? error.message : String(error));
    }
    if (result.ok && statePath) writeFileSync(statePath, JSON.stringify({ size: result.size, root: result.root }));
    if (values.json) line(io.stdout, JSON.stringify({ ok: result.ok, size: result.size, root: result.root, problems: result.problems }));
    else {
      line(io.stdout, `${result.size} entries, root ${result.root}.`);
      for (const p of result.problems) line(io.stdout, p);
      line(io.stdout, result.ok ? 'The log checks out.' : 'The log does not check out.');
    }
    return result.ok ? EXIT_OK : EXIT_FAILED;
  },
};

export const logKey: Command = {
  name: 'log key',
  args: [],
  options: {},
  summary: "print the transparency log's verifier key, to publish apart from the site",
  details: ['Residents, journalists and auditors check the log with it: `epi log verify URL --key KEY`.'],
  async run({ io, config }) {
    line(io.stdout, transparencyLogKey(config.transparencyLog));
    return EXIT_OK;
  },
};

export const logCommands: Command[] = [logVerify, logKey];
