import { describe, expect, it } from 'vitest';
import {
  applyZoneEvent,
  checkNextZoneEvent,
  foldZoneEvents,
  INITIAL_ZONE_STATE,
  ZoneTransitionError,
  type ZoneEventLike,
} from './state-machine.ts';

const HIGH = 'risk-2021.high';
const MEDIUM = 'risk-2021.medium';

const seal: ZoneEventLike = { action: 'seal', levelId: HIGH, effectiveAt: '2021-01-05T16:00:00.000Z' };
const relevel: ZoneEventLike = { action: 'relevel', levelId: MEDIUM, effectiveAt: '2021-01-20T16:00:00.000Z' };
const lift: ZoneEventLike = { action: 'lift', levelId: null, effectiveAt: '2021-01-29T16:00:00.000Z' };

/** The field a refused transition names, or a failure when the transition is allowed. */
function refusedField(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ZoneTransitionError);
    return (e as ZoneTransitionError).field;
  }
  throw new Error('the transition was allowed');
}

describe('zone state machine', () => {
  it('goes from sealed through a new level to lifted, remembering when each began', () => {
    const sealed = applyZoneEvent(INITIAL_ZONE_STATE, { ...seal, plannedEndAt: '2021-01-25T16:00:00.000Z' });
    expect(sealed).toEqual({
      status: 'sealed',
      levelId: HIGH,
      sealedSince: seal.effectiveAt,
      levelSince: seal.effectiveAt,
      plannedEndAt: '2021-01-25T16:00:00.000Z',
    });
    const relevelled = applyZoneEvent(sealed, relevel);
    expect(relevelled).toEqual({
      status: 'sealed',
      levelId: MEDIUM,
      sealedSince: seal.effectiveAt,
      levelSince: relevel.effectiveAt,
      plannedEndAt: null,
    });
    expect(applyZoneEvent(relevelled, lift)).toEqual({ status: 'lifted', sealedSince: seal.effectiveAt, liftedAt: lift.effectiveAt });
  });

  it('allows sealing a lifted zone again', () => {
    const again = { ...seal, effectiveAt: '2021-02-10T16:00:00.000Z' };
    expect(foldZoneEvents([seal, lift, again])).toMatchObject({ status: 'sealed', sealedSince: again.effectiveAt });
  });

  it('refuses to relevel or lift a zone that is not under a measure', () => {
    const lifted = foldZoneEvents([seal, lift]);
    expect(refusedField(() => applyZoneEvent(lifted, { ...relevel, effectiveAt: '2021-02-01T00:00:00.000Z' }))).toBe('action');
    expect(refusedField(() => applyZoneEvent(lifted, { ...lift, effectiveAt: '2021-02-01T00:00:00.000Z' }))).toBe('action');
    expect(refusedField(() => applyZoneEvent(INITIAL_ZONE_STATE, relevel))).toBe('action');
    expect(refusedField(() => applyZoneEvent(INITIAL_ZONE_STATE, lift))).toBe('action');
  });

  it('refuses to seal a zone twice and to relevel to the level it already has', () => {
    const sealed = foldZoneEvents([seal]);
    expect(refusedField(() => applyZoneEvent(sealed, { ...seal, effectiveAt: relevel.effectiveAt }))).toBe('action');
    expect(refusedField(() => applyZoneEvent(sealed, { ...relevel, levelId: HIGH }))).toBe('levelId');
  });

  it('needs a level to seal or relevel', () => {
    expect(refusedField(() => applyZoneEvent(INITIAL_ZONE_STATE, { ...seal, levelId: null }))).toBe('levelId');
    expect(refusedField(() => applyZoneEvent(foldZoneEvents([seal]), { ...relevel, levelId: null }))).toBe('levelId');
  });

  it('needs a planned end later than the time the measure takes effect', () => {
    expect(refusedField(() => applyZoneEvent(INITIAL_ZONE_STATE, { ...seal, plannedEndAt: seal.effectiveAt }))).toBe('plannedEndAt');
    expect(refusedField(() => applyZoneEvent(INITIAL_ZONE_STATE, { ...seal, plannedEndAt: '2021-01-01T00:00:00.000Z' }))).toBe(
      'plannedEndAt',
    );
  });

  it('refuses a next event that takes effect before the last recorded one, and accepts one at the same instant', () => {
    expect(refusedField(() => checkNextZoneEvent([seal, relevel], { ...lift, effectiveAt: '2021-01-10T00:00:00.000Z' }))).toBe(
      'effectiveAt',
    );
    expect(checkNextZoneEvent([seal, relevel], { ...lift, effectiveAt: relevel.effectiveAt })).toMatchObject({ status: 'lifted' });
  });

  it('checks the next event against the state after every recorded event, not only those in effect', () => {
    // The lift is announced for later; a relevel after it is still refused.
    expect(refusedField(() => checkNextZoneEvent([seal, lift], { ...relevel, effectiveAt: '2021-02-01T00:00:00.000Z' }))).toBe('action');
  });

  it('folds to the state at a past instant', () => {
    const events = [seal, relevel, lift];
    expect(foldZoneEvents(events, '2021-01-01T00:00:00.000Z')).toEqual({ status: 'none' });
    expect(foldZoneEvents(events, '2021-01-10T00:00:00.000Z')).toMatchObject({ status: 'sealed', levelId: HIGH });
    expect(foldZoneEvents(events, relevel.effectiveAt)).toMatchObject({ status: 'sealed', levelId: MEDIUM });
    expect(foldZoneEvents(events, '2021-01-25T00:00:00.000Z')).toMatchObject({
      status: 'sealed',
      levelId: MEDIUM,
      levelSince: relevel.effectiveAt,
    });
    expect(foldZoneEvents(events, '2021-02-01T00:00:00.000Z')).toEqual({
      status: 'lifted',
      sealedSince: seal.effectiveAt,
      liftedAt: lift.effectiveAt,
    });
    expect(foldZoneEvents(events)).toEqual(foldZoneEvents(events, '2099-01-01T00:00:00.000Z'));
  });
});
