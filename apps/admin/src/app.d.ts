import type { AppRouter } from '@epi/api';
import type { User } from '@epi/core';
import type { inferRouterCaller } from '@trpc/server';

declare global {
  namespace App {
    interface Locals {
      user: User | null;
      /** Server-side tRPC caller with this request's context (same procedures as over HTTP). */
      api: ReturnType<typeof import('@epi/api').createCaller>;
    }
  }
}

export {};
