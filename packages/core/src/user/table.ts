export interface AppUserTable {
  id: string;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  is_demo: number;
  disabled_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}
