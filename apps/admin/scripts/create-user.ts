// Creates a real (non-demo) user: `npm run user:create -- --username li.hua --name 李华 --role press_officer`.
// The password is read from the terminal without echo, or from standard input when piped.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createUser, ensureReferenceData, migrateToLatest, openDatabase, ROLES } from '@epi/core/server';
import { readConfig } from '../src/lib/server/config.ts';

const { values } = parseArgs({
  options: {
    username: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
  },
});

if (!values.username || !values.name || !values.role) {
  console.error(`usage: npm run user:create -- --username <name> --name <显示名> --role <${ROLES.join('|')}>`);
  process.exit(2);
}

async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8').split('\n')[0] ?? '';
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const muted = rl as unknown as { _writeToOutput: (s: string) => void };
  process.stdout.write(prompt);
  muted._writeToOutput = () => {};
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stdout.write('\n');
  return answer;
}

const password = await readPassword('Password (at least 12 characters): ');
if (process.stdin.isTTY && (await readPassword('Repeat password: ')) !== password) {
  console.error('Passwords differ.');
  process.exit(1);
}

const config = readConfig();
const db = openDatabase(config.databaseUrl);
try {
  await migrateToLatest(db);
  await ensureReferenceData(db);
  const user = await createUser(
    { db, actor: { id: null, name: '命令行', role: 'system' }, now: new Date() },
    { username: values.username, displayName: values.name, role: values.role as (typeof ROLES)[number], password },
  );
  console.log(`Created ${user.role} ${user.username} (${user.displayName}).`);
} catch (error) {
  const issues = (error as { issues?: Array<{ path: PropertyKey[]; message: string }> }).issues;
  if (issues) for (const i of issues) console.error(`${i.path.join('.')}: ${i.message}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
