// Where a zone stands for residents, from its state and the level it carries. Browser-safe.
import type { ZoneState } from './state-machine.ts';

/**
 * - `control`: designated at a control level (高风险, 中风险, 封控区…): counted, listed and found as controlled;
 * - `released`: still designated, but at a level that is not a control level (lowered to 低风险): control has ended;
 * - `lifted`: the designation was lifted;
 * - `none`: nothing in effect yet (a designation announced for later).
 */
export type ControlStatus = 'control' | 'released' | 'lifted' | 'none';

export interface ControlSubject {
  state: ZoneState;
  underControl: boolean;
}

export function controlStatus(zone: ControlSubject): ControlStatus {
  if (zone.state.status === 'sealed') return zone.underControl ? 'control' : 'released';
  return zone.state.status;
}

/** When control ended: the lift, or the change to a level that is not a control level; null while under control or never. */
export function controlEndedAt(zone: ControlSubject): string | null {
  switch (controlStatus(zone)) {
    case 'lifted':
      return zone.state.status === 'lifted' ? zone.state.liftedAt : null;
    case 'released':
      return zone.state.status === 'sealed' ? zone.state.levelSince : null;
    default:
      return null;
  }
}
