import type { AppRouter } from '@epi/api';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';

/** The console's tRPC client: same procedures and role checks as everywhere else, over HTTP. */
export const trpc = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: '/api/trpc' })],
});

export interface FormErrors {
  message: string;
  /** The tRPC error code ('BAD_REQUEST', 'CONFLICT', …), or null for a failure outside the API. */
  code: string | null;
  fields: Record<string, string[]>;
  reconciliation: Array<{ field: string; message: string; expected?: number; actual?: number }> | null;
}

/** Turns a failed call into a message and per-field errors for the form. */
export function formErrors(error: unknown): FormErrors {
  if (error instanceof TRPCClientError) {
    const data = (error.data ?? {}) as {
      code?: string;
      fieldErrors?: Record<string, string[]>;
      reconciliation?: FormErrors['reconciliation'];
    };
    return {
      message: error.message,
      code: data.code ?? null,
      fields: data.fieldErrors ?? {},
      reconciliation: data.reconciliation ?? null,
    };
  }
  return { message: error instanceof Error ? error.message : String(error), code: null, fields: {}, reconciliation: null };
}
