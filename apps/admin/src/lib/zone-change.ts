import type { FormErrors } from './trpc.ts';

/**
 * A change's errors as its form names them: a field of the first operation
 * ('operations.0.input.effectiveAt') is the form's own field ('effectiveAt').
 */
export function operationErrors(errors: FormErrors | null): FormErrors | null {
  if (!errors) return null;
  const fields: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(errors.fields)) {
    const own = field.replace(/^operations\.0\.input\./, '');
    fields[own] = [...(fields[own] ?? []), ...messages];
  }
  return { ...errors, fields };
}

/** What the console says once a change is submitted: it waits for review, then goes live. */
export const submittedText = (title: string, urgent: boolean) =>
  `已提交审核${urgent ? '（紧急）' : ''}：${title}。审核人员批准后生效，公众网站随即更新。`;
