/**
 * Uber's EU payment lines carry no trip key. Each line is booked at a local time that equals
 * (or trails by a second) the time its trip was requested or accepted, so a line is joined to a
 * trip when exactly one trip has that anchor time; otherwise it stays unjoined. Keys are wall
 * times as zone-free numbers, so the join does not depend on the zone.
 */
export class TripTimeIndex {
  private readonly byWall = new Map<number, string | null>();
  private readonly enabled: boolean;

  /**
   * `needed`: whether the export has payment lines to join. A trips file alone never fills the
   * index, so it imports in constant memory however long it is.
   */
  constructor(needed: boolean) {
    this.enabled = needed;
  }

  /** Registers a trip's anchor wall time (ms) and external id. */
  add(wall: number | null, externalId: string): void {
    if (!this.enabled || wall === null) return;
    const second = Math.floor(wall / 1000) * 1000;
    // A second seen twice is ambiguous for good.
    this.byWall.set(second, this.byWall.has(second) ? null : externalId);
  }

  /** The trip booked at `wall` or one second before; null when none or more than one. */
  find(wall: number): { id: string | null; ambiguous: boolean } {
    const second = Math.floor(wall / 1000) * 1000;
    const ids = new Set<string>();
    let ambiguous = false;
    for (const at of [second, second - 1000]) {
      if (!this.byWall.has(at)) continue;
      const id = this.byWall.get(at)!;
      if (id === null) ambiguous = true;
      else ids.add(id);
    }
    if (ambiguous || ids.size > 1) return { id: null, ambiguous: true };
    return { id: ids.size === 1 ? [...ids][0]! : null, ambiguous: false };
  }
}
