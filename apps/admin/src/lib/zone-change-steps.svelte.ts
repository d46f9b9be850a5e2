import type { ZoneChange, ZoneChangeOutcome } from '@epi/core';
import { FormState } from './form-state.svelte.ts';
import type { Checked } from './forms.ts';
import { operationErrors } from './zone-change.ts';

/** What the author adds when submitting: urgent, and why (needed when the change carries warnings). */
export interface ZoneChangeChoice {
  urgent: boolean;
  reason: string | null;
}

/** How a kind of change is previewed and submitted, and what follows its submission. */
export interface ZoneChangeCalls<I> {
  preview: (input: I) => Promise<ZoneChangeOutcome>;
  submit: (input: I, choice: ZoneChangeChoice) => Promise<ZoneChange>;
  done: (change: ZoneChange) => unknown;
}

/** What the confirmation step reads of the steps, whatever the input. */
export interface ZoneChangeConfirmation {
  readonly pending: { outcome: ZoneChangeOutcome } | null;
  readonly confirmation: FormState;
  submit(choice: ZoneChangeChoice): Promise<void>;
  back(): void;
}

/**
 * The two steps of every zone change in the console: the form is checked and previewed (what the
 * public site will show, in words), then the previewed input is submitted for review with the
 * author's choice. Each step keeps its own errors; going back keeps the form as typed.
 */
export class ZoneChangeSteps<I> implements ZoneChangeConfirmation {
  /** The checked input and what it will do, once previewed: the second step is shown. */
  pending = $state<{ input: I; outcome: ZoneChangeOutcome } | null>(null);
  /** The first step's errors (the first operation's fields named as the form's own). */
  readonly form = new FormState();
  readonly confirmation = new FormState();

  readonly #calls: ZoneChangeCalls<I>;

  constructor(calls: ZoneChangeCalls<I>) {
    this.#calls = calls;
  }

  async preview(checked: Checked<I>): Promise<void> {
    const errors = await this.form.send(
      checked,
      async (input) => ({ input, outcome: await this.#calls.preview(input) }),
      (step) => {
        this.pending = step;
      },
    );
    if (errors) this.form.errors = operationErrors(errors);
  }

  submit = async (choice: ZoneChangeChoice): Promise<void> => {
    const pending = this.pending;
    if (!pending) return;
    await this.confirmation.send(
      { ok: true, data: choice },
      (c) => this.#calls.submit(pending.input, c),
      (change) => this.#calls.done(change),
    );
  };

  back = (): void => {
    this.pending = null;
    this.confirmation.errors = null;
  };
}
