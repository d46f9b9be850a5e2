import { fromBeijingLocal } from '@epi/core';
import type { FormErrors } from './trpc.ts';

/** The id of a field's control: `prefix-field`, with a dotted path ('districts.0.newConfirmed') made id-safe. */
export function fieldId(prefix: string, field: string): string {
  return `${prefix}-${field.replaceAll('.', '-')}`;
}

/**
 * The labels of repeated rows' controls, as the error summary names them: with path 'districts' and
 * unit '行', 'districts.0.positives' is '第 1 行 阳性人数'.
 */
export function rowLabels(path: string, count: number, unit: string, fields: Record<string, string>): Record<string, string> {
  const labels: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    for (const [field, label] of Object.entries(fields)) labels[`${path}.${i}.${field}`] = `第 ${i + 1} ${unit} ${label}`;
  }
  return labels;
}

/** The choices of a select, from a list of values and their labels. */
export function optionsOf<V extends string>(values: readonly V[], labels: Record<V, string>): Array<{ value: V; label: string }> {
  return values.map((value) => ({ value, label: labels[value] }));
}

/** Messages for one field, from the server or from checking the form locally. */
export function messagesOf(errors: FormErrors | null, field: string): string[] {
  return errors?.fields[field] ?? [];
}

/** A datetime-local value read as Asia/Shanghai, as a UTC instant; null when empty or malformed. */
export function instantOf(local: string): string | null {
  if (!local.trim()) return null;
  try {
    return fromBeijingLocal(local);
  } catch {
    return null;
  }
}

/** An error found in the browser before anything is sent: one field and what is wrong with it. */
export function localError(message: string, field: string, fieldMessage: string): FormErrors {
  return { message, code: 'LOCAL', fields: { [field]: [fieldMessage] }, reconciliation: null };
}

/** A number input's bound value as a count: empty stays null, so the schema can name the field. */
export function countOf(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export interface SafeParser<T> {
  safeParse(
    input: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> } };
}

export type Checked<T> = { ok: true; data: T } | { ok: false; errors: FormErrors };

export interface CheckOptions {
  /** Datetime fields → the local value typed, to say "missing" or "malformed" plainly. */
  times?: Record<string, string>;
  /** Fields left empty: said to be required rather than of the wrong type. */
  blank?: readonly string[];
}

/** Checks input with the same schema the server uses, before sending it, so a typo is named at once. */
export function checkLocally<T>(schema: SafeParser<T>, input: unknown, { times = {}, blank = [] }: CheckOptions = {}): Checked<T> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const fields: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.') || '_';
    const local = times[field];
    // A time that could not be read at all is named plainly; a rule about a readable time keeps its message.
    const unreadable = local !== undefined && instantOf(local) === null;
    const message = unreadable ? (local.trim() ? '时间格式不正确' : '请填写时间') : blank.includes(field) ? '必填' : issue.message;
    const list = (fields[field] ??= []);
    if (!list.includes(message)) list.push(message);
  }
  return { ok: false, errors: { message: '请修正标出的内容后再提交', code: 'LOCAL', fields, reconciliation: null } };
}

/** Checked input bound to the call that sends it, so a form with two calls (new, edit) sends either the same way. */
export function prepared<T, R>(checked: Checked<T>, call: (data: T) => Promise<R>): Checked<() => Promise<R>> {
  return checked.ok ? { ok: true, data: () => call(checked.data) } : checked;
}
