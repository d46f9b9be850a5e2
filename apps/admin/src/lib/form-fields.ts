import { getContext, setContext } from 'svelte';
import { fieldId } from './forms.ts';

/**
 * What the fields of one form share: the id prefix of its controls (see `fieldId`), the messages of
 * each field, and its labels by field (each field's label, and how the error summary names it).
 */
export interface FormFields {
  readonly prefix: string;
  messages(field: string): readonly string[];
  labels(): Readonly<Record<string, string>>;
}

const KEY = Symbol('form fields');

/**
 * Called by a form component as it starts: the fields inside it that are given a `name` (their path in
 * the input: 'title', 'people.0.name') take their id, messages and label from the form.
 */
export function setFormFields(fields: FormFields): void {
  setContext(KEY, fields);
}

/** The enclosing form's fields, if any; read by a field as it starts. */
export function getFormFields(): FormFields | undefined {
  return getContext<FormFields | undefined>(KEY);
}

/** What a labelled field is given; what it is not given comes from its `name` in the enclosing form. */
export interface FieldProps {
  id?: string;
  /** The field's path in the form's input. */
  name?: string;
  messages?: readonly string[];
  /** The label's text: the control's accessible name, exactly. */
  label?: string;
  /** Help shown under the control and read after its name. */
  hint?: string;
  /** The control must be filled in (its `required` attribute). */
  required?: boolean;
  /** Points to check that do not block saving on their own (reconciliation issues). */
  warnings?: readonly string[];
}

/** A field's id, messages and label: those given, or else those of its `name` in the form. */
export function resolveField(
  form: FormFields | undefined,
  { id, name, messages, label }: FieldProps,
): { id: string; messages: readonly string[]; label: string } {
  const named = name !== undefined && form ? form : null;
  id ??= named ? fieldId(named.prefix, name!) : undefined;
  label ??= named?.labels()[name!];
  if (id === undefined || label === undefined) throw new Error(`the field ${name ?? '(unnamed)'} needs an id and a label`);
  return { id, label, messages: messages ?? named?.messages(name!) ?? [] };
}
