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
});

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  isDemo: boolean;
}
