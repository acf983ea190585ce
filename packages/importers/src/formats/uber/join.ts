/**
 * Uber's EU payment lines carry no trip key. Each line is booked at a local time that equals
 * (or trails by a second) the time its trip was requested or accepted, so a line is joined to a
 * trip when exactly one trip has that anchor time; otherwise it stays unjoined. Keys are wall
 * times as zone-free numbers, so the join does not depend on the zone.
 */
export class TripTimeIndex {
  private readonly byWall = new Map<number, string | null>();
  private readonly byKey = new Set<string>();

  /** Registers a trip's anchor wall time (ms) and external id. */
  add(wall: number | null, externalId: string, platformKey: string | null): void {
    if (platformKey) this.byKey.add(platformKey);
    if (wall === null) return;
    const second = Math.floor(wall / 1000) * 1000;
    // A second seen twice is ambiguous for good.
    this.byWall.set(second, this.byWall.has(second) ? null : externalId);
  }

  get size(): number {
    return this.byWall.size;
  }

  hasKey(key: string): boolean {
    return this.byKey.has(key);
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
