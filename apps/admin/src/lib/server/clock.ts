/**
 * The system's clock. Normally the machine's time; with EPI_TEST_CLOCK (demo mode only) browser tests
 * can move it forward to see scheduled publications go out without waiting for them.
 */
export class Clock {
  private offsetMs = 0;
  readonly movable: boolean;

  constructor(movable: boolean) {
    this.movable = movable;
  }

  readonly now = (): Date => new Date(Date.now() + this.offsetMs);

  /** Moves the clock so that it reads `at` now. Never backwards: the audit log only moves forward. */
  set(at: Date): void {
    if (!this.movable) throw new Error('the clock is not movable');
    const offset = at.getTime() - Date.now();
    if (offset < this.offsetMs) throw new Error('the clock cannot go backwards');
    this.offsetMs = offset;
  }
}
