import { messagesOf, type Checked } from './forms.ts';
import { formErrors, type FormErrors } from './trpc.ts';

/**
 * A console form's errors and busy flag, and the one way it sends: the locally checked input, then the
 * call, then what to do with the result. A failure keeps the form as typed and names what went wrong.
 */
export class FormState {
  errors = $state<FormErrors | null>(null);
  busy = $state(false);

  /** The messages for one field, from the last check or call. */
  messages = (field: string): string[] => messagesOf(this.errors, field);

  /** Sends checked input; returns the call's errors when it failed (null when it went through or was not sent). */
  async send<T, R>(checked: Checked<T>, call: (data: T) => Promise<R>, done: (saved: R) => unknown): Promise<FormErrors | null> {
    if (!checked.ok) {
      this.errors = checked.errors;
      return null;
    }
    this.busy = true;
    this.errors = null;
    try {
      await done(await call(checked.data));
      return null;
    } catch (error) {
      this.errors = formErrors(error);
      return this.errors;
    } finally {
      this.busy = false;
    }
  }
}
