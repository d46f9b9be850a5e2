// A second factor at sign-in: time-based one-time passwords (RFC 6238: HMAC-SHA-1, 30 s, 6 digits,
// as every authenticator app reads them). Codes are computed on the system's clock (HOTP over the
// time step), one step either side is accepted, and a step once used is never accepted again.
import { randomBytes } from 'node:crypto';
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { createTOTPKeyURI, generateHOTP, verifyHOTP } from '@oslojs/otp';
import QRCode from 'qrcode';
import type { Executor } from '../db/database.ts';
import { recordAudit } from '../audit/audit.ts';
import type { WriteContext } from '../shared/actor.ts';
import { ConflictError, InputError, NotFoundError, PermissionError } from '../shared/errors.ts';
import { inTransaction } from '../shared/tx.ts';
import { assertCurrentPassword } from './password.ts';
import { totpBeginInput, totpCodeInput, userIdInput } from './schema.ts';

const PERIOD_S = 30;
const DIGITS = 6;
export const TOTP_ISSUER = '疫情信息发布管理后台';

const stepAt = (now: Date) => Math.floor(now.getTime() / 1000 / PERIOD_S);
const keyOf = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'));

/** The code an authenticator shows at `now` (for tests and for nothing else). */
export function totpCodeAt(keyHex: string, now: Date): string {
  return generateHOTP(keyOf(keyHex), BigInt(stepAt(now)), DIGITS);
}

/** The same from the key as the user types it (base32), for browser tests. */
export function totpCodeForSecret(secret: string, now: Date): string {
  return totpCodeAt(Buffer.from(decodeBase32IgnorePadding(secret)).toString('hex'), now);
}

/** The time step a code is good for at `now` (one step either side), or null; never a step at or before `after`. */
export function matchTotp(keyHex: string, code: string, now: Date, after: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const step = stepAt(now);
  for (const s of [step, step - 1, step + 1]) {
    if (after !== null && s <= after) continue;
    if (verifyHOTP(keyOf(keyHex), BigInt(s), DIGITS, code)) return s;
  }
  return null;
}

type Own = WriteContext & { actor: { id: string } };

/** A new key for the user's authenticator, shown once as a QR code and as text; it counts only once a code from it is confirmed. */
export async function beginTotpSetup(ctx: Own, raw: unknown): Promise<{ secret: string; uri: string; qrSvg: string }> {
  const { currentPassword } = totpBeginInput.parse(raw);
  const row = await ctx.db
    .selectFrom('app_user')
    .select(['username', 'totp_key', 'password_hash'])
    .where('id', '=', ctx.actor.id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('没有这个用户');
  await assertCurrentPassword(row.password_hash, currentPassword);
  if (row.totp_key) throw new ConflictError('两步验证已启用');
  const key = randomBytes(20);
  await ctx.db
    .updateTable('app_user')
    .set({ totp_pending_key: key.toString('hex') })
    .where('id', '=', ctx.actor.id)
    .execute();
  const uri = createTOTPKeyURI(TOTP_ISSUER, row.username, new Uint8Array(key), PERIOD_S, DIGITS);
  const qrSvg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return { secret: encodeBase32UpperCaseNoPadding(new Uint8Array(key)), uri, qrSvg };
}

/** The first code from the new key turns two-step sign-in on. */
export async function confirmTotpSetup(ctx: Own, raw: unknown): Promise<void> {
  const { code } = totpCodeInput.parse(raw);
  await inTransaction(ctx.db, async (db) => {
    const row = await db.selectFrom('app_user').selectAll().where('id', '=', ctx.actor.id).executeTakeFirstOrThrow();
    if (row.totp_key) throw new ConflictError('两步验证已启用');
    if (!row.totp_pending_key) throw new InputError('code', '请先生成二维码');
    const step = matchTotp(row.totp_pending_key, code, ctx.now, null);
    if (step === null) throw new InputError('code', '验证码不正确，请核对手机时间后输入当前显示的 6 位数字');
    const now = ctx.now.toISOString();
    await db
      .updateTable('app_user')
      .set({ totp_key: row.totp_pending_key, totp_pending_key: null, totp_enabled_at: now, totp_last_step: step, updated_at: now })
      .where('id', '=', row.id)
      .execute();
    await recordAudit(db, ctx.actor, ctx.now, { action: 'user.totp_enable', entityType: 'user', entityId: row.id });
  });
}

/** An admin turns another account's two-step sign-in off (a lost phone); it sets it up again at its next sign-in. */
export async function resetTotp(ctx: WriteContext, raw: unknown): Promise<void> {
  const { userId } = userIdInput.parse(raw);
  if (ctx.actor.id === userId) throw new PermissionError('不能清除自己的两步验证');
  await inTransaction(ctx.db, async (db) => {
    const row = await db.selectFrom('app_user').select(['id', 'username', 'totp_key']).where('id', '=', userId).executeTakeFirst();
    if (!row) throw new NotFoundError('没有这个用户');
    if (!row.totp_key) throw new ConflictError(`${row.username} 没有启用两步验证`);
    await db
      .updateTable('app_user')
      .set({ totp_key: null, totp_pending_key: null, totp_enabled_at: null, totp_last_step: null, updated_at: ctx.now.toISOString() })
      .where('id', '=', row.id)
      .execute();
    await db.deleteFrom('session').where('user_id', '=', row.id).execute();
    await recordAudit(db, ctx.actor, ctx.now, {
      action: 'user.totp_reset',
      entityType: 'user',
      entityId: row.id,
      after: { username: row.username },
    });
  });
}

/** Checks a sign-in's code against the account's key and spends its time step; false when it does not match. */
export async function spendTotp(
  db: Executor,
  user: { id: string; totp_key: string; totp_last_step: number | null },
  code: string,
  now: Date,
): Promise<boolean> {
  const step = matchTotp(user.totp_key, code, now, user.totp_last_step);
  if (step === null) return false;
  // Only if no other sign-in spent it first.
  const spent = await db
    .updateTable('app_user')
    .set({ totp_last_step: step })
    .where('id', '=', user.id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(spent.numUpdatedRows) === 1;
}
