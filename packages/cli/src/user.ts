import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { createUser, ROLES, type Actor, type Role } from '@epi/core/server';
import { actingUser, JSON_OPTION, USER_OPTION, type Command } from './command.ts';
import { CommandError, EXIT_OK, line, readAll, UsageError, type Io } from './io.ts';

/** Who creates an account when no --user is given: the command line itself (the first admin has nobody to act as). */
const COMMAND_LINE: Actor = { id: null, name: '命令行', role: 'system' };

/** A password typed at a terminal without echo (prompts on standard error), or the first line of piped input. */
async function readPassword(io: Io): Promise<string> {
  if (!io.stdin.isTTY) return (await readAll(io.stdin)).split(/\r?\n/)[0] ?? '';
  const ask = async (prompt: string) => {
    io.stderr.write(prompt);
    const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
    const rl = createInterface({ input: io.stdin, output: silent, terminal: true });
    const answer = await new Promise<string>((resolve) => rl.question('', resolve));
    rl.close();
    io.stderr.write('\n');
    return answer;
  };
  const password = await ask('Password (at least 12 characters): ');
  if ((await ask('Repeat password: ')) !== password) throw new CommandError('the two passwords differ');
  return password;
}

export const userCreate: Command = {
  name: 'user create',
  args: [],
  options: {
    username: {
      type: 'string',
      value: 'USERNAME',
      required: true,
      description: 'sign-in name: 2–40 lower-case letters, digits, dot, underscore or hyphen',
    },
    name: { type: 'string', value: '显示名', required: true, description: 'display name, shown in the console and the audit log' },
    role: {
      type: 'string',
      value: ROLES.join('|'),
      required: true,
      description: 'admin (管理员), press_officer (新闻发布) or reviewer (审核)',
    },
    user: { ...USER_OPTION, description: 'record the creation as this admin; without it, as 命令行 (to create the first admin)' },
    json: JSON_OPTION,
  },
  summary: 'create a real (non-demo) account',
  details: [
    'The password is asked for twice without echo at a terminal, or read from the first line of standard input.',
    'Example: printf "%s\\n" "$PASSWORD" | npm run epi -- user create --username li.hua --name 李华 --role press_officer',
    '`npm run user:create -- …` runs this command.',
  ],
  async run({ io, config, values, db }) {
    if (!ROLES.includes(values.role as Role))
      throw new UsageError(`--role must be one of ${ROLES.join(', ')}, not "${String(values.role)}"`, 'user create');
    const handle = await db();
    const actor =
      values.user === undefined ? COMMAND_LINE : await actingUser(handle, config, values.user as string, ['admin'], 'user create');
    const password = await readPassword(io);
    const user = await createUser(
      { db: handle, actor, now: io.now() },
      { username: values.username as string, displayName: values.name as string, role: values.role as Role, password },
    );
    if (values.json) line(io.stdout, JSON.stringify({ username: user.username, name: user.displayName, role: user.role }));
    else line(io.stdout, `Created ${user.role} ${user.username} (${user.displayName}).`);
    return EXIT_OK;
  },
};

export const userCommands: Command[] = [userCreate];
