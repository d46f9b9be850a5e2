import type { Generated } from 'kysely';

export interface AppUserTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  is_demo: number;
  disabled_at: string | null;
  /** 1: signed in with a temporary password an admin set; nothing else is allowed until it is changed. */
  must_change_password: Generated<number>;
  password_changed_at: string | null;
  /** The TOTP key (hex) once confirmed; the one being set up until then. */
  totp_key: string | null;
  totp_pending_key: string | null;
  totp_enabled_at: string | null;
  /** The last time step a code was accepted for: never twice. */
  totp_last_step: number | null;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  /** Where and with what it was opened, for its owner to recognise it. */
  address: string | null;
  user_agent: string | null;
}

/** Failed sign-ins counted per account and address (rate-limiter-flexible's SQLite store). */
export interface SignInLimitTable {
  key: string;
  points: number;
  expire: number | null;
}
