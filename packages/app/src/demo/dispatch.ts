import { shift } from './records.ts';
import type { Rng } from './rng.ts';
import { DAY_MS, parisToUtc } from './time.ts';
import type { DemoMember, DemoRecord } from './types.ts';

const CONTRACTED_S = 7 * 3600;
const HOLIDAY_CHANCE = 1 / 16;

/**
 * A salaried dispatcher's week: Monday to Friday from 08:00 or 09:00 Paris time, seven contracted
 * hours, an unpaid break, and unpaid overtime now and then. Off a week at a time, on holiday.
 */
export function* dispatchWeek(m: DemoMember, weekMs: number, draw: Rng): Generator<DemoRecord> {
  const workplace = m.profile.dispatchStaff?.workplace;
  if (!workplace || draw.chance(HOLIDAY_CHANCE)) return;
  const startHour = m.index % 2 === 0 ? 8 : 9;
  for (let day = 0; day < 5; day++) {
    const start = parisToUtc(weekMs + day * DAY_MS, startHour * 60 + draw.int(-10, 15));
    const breakS = draw.pick([30, 45, 60]) * 60;
    const overtimeS = draw.chance(0.3) ? draw.int(15, 90) * 60 : 0;
    yield shift(m.index, workplace, start, start + (CONTRACTED_S + breakS + overtimeS) * 1000, breakS, CONTRACTED_S);
  }
}
