import { z } from 'zod';
import { ROLES, type Role } from '../shared/actor.ts';
import { requiredText } from '../shared/zod.ts';

// Browser-safe: the sign-in and user forms validate with these before the server does.
export const createUserInput = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, '用户名为 2–40 位小写字母、数字、点、下划线或连字符'),
  displayName: requiredText(40),
  role: z.enum(ROLES, { message: '角色须为 admin、press_officer 或 reviewer' }),
  password: z.string().min(12, '密码至少 12 位').max(200, '密码过长'),
});
export type CreateUserInput = z.input<typeof createUserInput>;

export const signInInput = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(40),
  password: z.string().min(1, '请输入密码').max(200),
  /** The authenticator's code, for an account with two-step sign-in; blank otherwise. */
  code: z
    .string()
    .trim()
    .max(10)
    .optional()
    .transform((c) => (c ? c : undefined)),
});

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  isDemo: boolean;
  /** Signed in with a temporary password: only changing it is allowed. */
  mustChangePassword: boolean;
  /** Two-step sign-in (TOTP) is on. */
  totpEnabled: boolean;
}

/** An admin outside demo mode must turn two-step sign-in on before doing anything else. */
export const mustEnrollTotp = (user: User, demoMode: boolean): boolean => user.role === 'admin' && !demoMode && !user.totpEnabled;

const userId = z.string().min(1, '请选择用户');

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, '请输入当前密码').max(200),
  newPassword: z.string().min(12, '密码至少 12 位').max(200, '密码过长'),
});
export const setUserRoleInput = z.object({ userId, role: createUserInput.shape.role });
export const disableUserInput = z.object({ userId, reason: requiredText(200) });
export const userIdInput = z.object({ userId });
export const sessionHandleInput = z.object({ handle: z.string().regex(/^[0-9a-f]{12}$/, '会话标识无效') });

/** An account as an admin manages it. */
export interface Account extends User {
  disabledAt: string | null;
  createdAt: string;
  passwordChangedAt: string | null;
  /** Sessions open now (not past their lifetime). */
  openSessions: number;
  /** The latest request of any open session. */
  lastSeenAt: string | null;
}

/** One of a user's sessions, as its owner sees it; the handle is a prefix of the stored hash, never the token. */
export interface SessionInfo {
  handle: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  address: string | null;
  userAgent: string | null;
  current: boolean;
}

export const totpCodeInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, '验证码为 6 位数字'),
});
/** Setting up a second factor asks for the password again: a borrowed session cannot. */
export const totpBeginInput = z.object({ currentPassword: z.string().min(1, '请输入当前密码').max(200) });
