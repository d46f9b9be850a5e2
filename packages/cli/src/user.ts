import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import {
  accountIdOf,
  createUser,
  disableUser,
  enableUser,
  listAccounts,
  resetPassword,
  resetTotp,
  revokeSessions,
  ROLE_LABELS,
  ROLES,
  setUserRole,
  type Actor,
  type Db,
  type Role,
  type WriteContext,
} from '@epi/core/server';
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

export const userList: Command = {
  name: 'user list',
  args: [],
  options: { json: JSON_OPTION },
  summary: 'list every account, disabled ones too, with its role, state and open sessions',
  details: ['Reads only; needs no --user.'],
  async run({ io, values, db }) {
    const accounts = await listAccounts(await db(), io.now());
    if (values.json) {
      line(io.stdout, JSON.stringify(accounts));
      return EXIT_OK;
    }
    for (const a of accounts) {
      const state = a.disabledAt ? `disabled ${a.disabledAt}` : a.mustChangePassword ? 'temporary password' : 'active';
      line(io.stdout, `${a.username}\t${a.displayName}\t${a.role}\t${state}\t${a.openSessions} sessions${a.isDemo ? '\tdemo' : ''}`);
    }
    return EXIT_OK;
  },
};

/** A command an admin runs on one account named by its username (the first argument). */
function onAccount(
  name: string,
  spec: Pick<Command, 'summary' | 'details'> & { args?: string[]; options?: Command['options'] },
  act: (ctx: WriteContext, userId: string, rest: { args: string[]; values: Record<string, unknown> }) => Promise<string>,
): Command {
  return {
    name,
    args: ['USERNAME', ...(spec.args ?? [])],
    options: { ...spec.options, user: { ...USER_OPTION, required: true, description: 'the admin doing it (recorded in the audit log)' } },
    summary: spec.summary,
    details: spec.details,
    async run({ io, config, values, args, db }) {
      const handle: Db = await db();
      const actor = await actingUser(handle, config, values.user as string, ['admin'], name);
      const userId = await accountIdOf(handle, args[0]!);
      line(io.stdout, await act({ db: handle, actor, now: io.now() }, userId, { args: args.slice(1), values }));
      return EXIT_OK;
    },
  };
}

export const userDisable = onAccount(
  'user disable',
  {
    summary: 'shut an account out at once: its sessions end; the reason goes into the audit log',
    options: { reason: { type: 'string', value: '原因', required: true, description: 'why (调离、离职、账号泄露…)' } },
    details: ['Nobody can disable themselves, and the last active admin cannot be disabled.'],
  },
  async (ctx, userId, { values }) => {
    await disableUser(ctx, { userId, reason: values.reason });
    return 'Disabled; its sessions have ended.';
  },
);

export const userEnable = onAccount(
  'user enable',
  { summary: 'let a disabled account sign in again', details: [] },
  async (ctx, userId) => {
    await enableUser(ctx, { userId });
    return 'Enabled.';
  },
);

export const userRole = onAccount(
  'user role',
  {
    args: ['ROLE'],
    summary: `give an account another role (${ROLES.join(', ')}); effective with its next request`,
    details: ['Nobody can change their own role, and the last active admin keeps theirs.'],
  },
  async (ctx, userId, { args }) => {
    const role = args[0] as Role;
    if (!ROLES.includes(role)) throw new UsageError(`ROLE must be one of ${ROLES.join(', ')}, not "${String(args[0])}"`, 'user role');
    const { changed } = await setUserRole(ctx, { userId, role });
    return changed ? `Role changed to ${role} (${ROLE_LABELS[role]}).` : `Role unchanged (${role}).`;
  },
);

export const userReset = onAccount(
  'user reset',
  {
    summary: 'give an account a temporary password (printed once) that must be changed at its next sign-in',
    details: [
      'Its sessions end. The temporary password is printed on standard output and never stored in clear;',
      'hand it over in person or by telephone. Until it is changed, the account can do nothing else.',
    ],
  },
  async (ctx, userId) => (await resetPassword(ctx, { userId })).temporaryPassword,
);

export const userResetTotp = onAccount(
  'user reset-totp',
  {
    summary: "turn an account's two-step sign-in off (a lost phone); it sets one up again at its next sign-in",
    details: ['Its sessions end. An admin outside demo mode can do nothing else until it is set up again.'],
  },
  async (ctx, userId) => {
    await resetTotp(ctx, { userId });
    return 'Two-step sign-in cleared; its sessions have ended.';
  },
);

export const userRevoke = onAccount(
  'user revoke',
  { summary: 'end every session of an account (a lost phone, a shared computer)', details: [] },
  async (ctx, userId) => `Ended ${(await revokeSessions(ctx, { userId })).ended} sessions.`,
);

export const userCommands: Command[] = [userCreate, userList, userDisable, userEnable, userRole, userReset, userResetTotp, userRevoke];
