// The life of a zone as a pure fold over its events: browser-safe, shared by forms and server.

export const ZONE_ACTIONS = ['seal', 'relevel', 'lift'] as const;
export type ZoneAction = (typeof ZONE_ACTIONS)[number];

export const ZONE_ACTION_LABELS: Record<ZoneAction, string> = {
  seal: '划定管控',
  relevel: '调整等级',
  lift: '解除管控',
};

export interface ZoneEventLike {
  action: ZoneAction;
  levelId: string | null;
  effectiveAt: string;
  plannedEndAt?: string | null;
}

export type ZoneState =
  | { status: 'none' }
  | {
      status: 'sealed';
      levelId: string;
      sealedSince: string;
      levelSince: string;
      plannedEndAt: string | null;
    }
  | { status: 'lifted'; sealedSince: string; liftedAt: string };

export class ZoneTransitionError extends Error {
  override name = 'ZoneTransitionError';
  readonly field: string;
  constructor(message: string, field: string) {
    super(message);
    this.field = field;
  }
}

export const INITIAL_ZONE_STATE: ZoneState = { status: 'none' };

/** The state after one more event; throws ZoneTransitionError for a transition the rules refuse. */
export function applyZoneEvent(state: ZoneState, event: ZoneEventLike): ZoneState {
  const plannedEndAt = event.plannedEndAt ?? null;
  if (plannedEndAt !== null && plannedEndAt <= event.effectiveAt) {
    throw new ZoneTransitionError('计划解除时间必须晚于生效时间', 'plannedEndAt');
  }
  switch (event.action) {
    case 'seal': {
      if (state.status === 'sealed') throw new ZoneTransitionError('该区域已在管控中，请改为调整等级', 'action');
      if (!event.levelId) throw new ZoneTransitionError('划定管控需要选择等级', 'levelId');
      return {
        status: 'sealed',
        levelId: event.levelId,
        sealedSince: event.effectiveAt,
        levelSince: event.effectiveAt,
        plannedEndAt,
      };
    }
    case 'relevel': {
      if (state.status === 'none') throw new ZoneTransitionError('该区域尚未划定管控，不能调整等级', 'action');
      if (state.status === 'lifted') throw new ZoneTransitionError('该区域已解除管控，需先重新划定管控', 'action');
      if (!event.levelId) throw new ZoneTransitionError('调整等级需要选择新等级', 'levelId');
      if (event.levelId === state.levelId) throw new ZoneTransitionError('新等级与当前等级相同', 'levelId');
      return { ...state, levelId: event.levelId, levelSince: event.effectiveAt, plannedEndAt };
    }
    case 'lift': {
      if (state.status !== 'sealed') throw new ZoneTransitionError('该区域当前不在管控中，无法解除', 'action');
      return { status: 'lifted', sealedSince: state.sealedSince, liftedAt: event.effectiveAt };
    }
  }
}

/**
 * Folds events (in recorded order) into the state at instant `at` (all events when omitted).
 * Events are required to be recorded in non-decreasing effective order, so a prefix is a past state.
 */
export function foldZoneEvents(events: readonly ZoneEventLike[], at?: string): ZoneState {
  let state: ZoneState = INITIAL_ZONE_STATE;
  for (const e of events) {
    if (at !== undefined && e.effectiveAt > at) break;
    state = applyZoneEvent(state, e);
  }
  return state;
}

/** Checks that a new event may follow the recorded ones: ordered in time and allowed by the rules. */
export function checkNextZoneEvent(recorded: readonly ZoneEventLike[], next: ZoneEventLike): ZoneState {
  const last = recorded[recorded.length - 1];
  if (last && next.effectiveAt < last.effectiveAt) {
    throw new ZoneTransitionError('生效时间不能早于该区域上一次变更的生效时间', 'effectiveAt');
  }
  return applyZoneEvent(foldZoneEvents(recorded), next);
}
