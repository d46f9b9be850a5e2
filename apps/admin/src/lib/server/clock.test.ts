import { describe, expect, it } from 'vitest';
import { Clock } from './clock.ts';

describe('the system clock', () => {
  it('reads the machine time and cannot be moved unless it is a test clock', () => {
    const clock = new Clock(false);
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1_000);
    expect(() => clock.set(new Date(Date.now() + 3_600_000))).toThrow('not movable');
  });

  it('moves forward, never backwards', () => {
    const clock = new Clock(true);
    clock.set(new Date(Date.now() + 3_600_000));
    expect(clock.now().getTime() - Date.now()).toBeGreaterThan(3_590_000);
    expect(() => clock.set(new Date(Date.now() + 60_000))).toThrow('backwards');
  });
});
