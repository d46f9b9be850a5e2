// The audit log's chain and signed heads from the command line.
import { auditPublicKey, sealAuditLog, verifyAuditLog } from '@epi/core/server';
import { JSON_OPTION, type Command } from './command.ts';
import { EXIT_FAILED, EXIT_OK, line } from './io.ts';

export const auditVerify: Command = {
  name: 'audit verify',
  args: [],
  options: { json: { ...JSON_OPTION, description: 'print {"ok","entries","broken","heads","badHeads"} on standard output' } },
  summary: 'check that the audit log has not been changed: its hash chain and every signed head',
  details: [
    'Recomputes the hash of every entry from its content and the entry before it, and checks every head',
    'signed with a release (the heads file and the key are in the data folder, the key elsewhere when',
    'EPI_AUDIT_KEY_FILE says so). Exit code 1 names the first entry that differs, or the heads the log',
    'no longer agrees with: an entry edited, removed or inserted behind the database’s own protection.',
  ],
  async run({ io, config, values, db }) {
    const result = await verifyAuditLog(await db(), config.auditSeal);
    if (values.json) line(io.stdout, JSON.stringify(result));
    else {
      line(io.stdout, `${result.entries} entries, ${result.heads} signed heads.`);
      if (result.broken) {
        line(
          io.stdout,
          result.broken.problem
            ? `Entry ${result.broken.id}: its text does not match the digest its hash covers (${result.broken.problem}).`
            : `Entry ${result.broken.id} does not follow from its content and the entry before it.`,
        );
      }
      for (const h of result.badHeads) line(io.stdout, `Signed head on line ${h.line} (entry ${h.id}): ${h.problem}`);
      line(io.stdout, result.ok ? 'The audit log is intact.' : 'The audit log has been changed.');
    }
    return result.ok ? EXIT_OK : EXIT_FAILED;
  },
};

export const auditSeal: Command = {
  name: 'audit seal',
  args: [],
  options: { json: { ...JSON_OPTION, description: 'print the signed head on standard output' } },
  summary: 'sign the audit log’s head now (it is signed with every release as well)',
  details: ['For a schedule of its own (cron), between releases. Writes to the heads file only, never to the database.'],
  async run({ io, config, values, db }) {
    const head = await sealAuditLog(await db(), config.auditSeal, { now: io.now() });
    if (values.json) line(io.stdout, JSON.stringify(head));
    else line(io.stdout, head ? `Sealed at entry ${head.id} (${head.count} entries).` : 'The audit log is empty.');
    return EXIT_OK;
  },
};

export const auditKey: Command = {
  name: 'audit key',
  args: [],
  options: {},
  summary: 'print the public key that checks the signed heads (PEM)',
  details: ['Give it to whoever audits the system; the private key stays where EPI_AUDIT_KEY_FILE points.'],
  async run({ io, config }) {
    io.stdout.write(auditPublicKey(config.auditSeal));
    return EXIT_OK;
  },
};

export const auditCommands: Command[] = [auditVerify, auditSeal, auditKey];
