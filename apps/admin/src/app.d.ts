import type { Context, createCaller } from '@epi/api';
import type { User } from '@epi/core';

declare global {
  namespace App {
    interface Locals {
      user: User | null;
      /** This request's context, built once by the server hook: the session is looked up once. */
      context: Context;
      /** Server-side tRPC caller with this request's context (same procedures as over HTTP). */
      api: ReturnType<typeof createCaller>;
    }
  }
}

export {};
