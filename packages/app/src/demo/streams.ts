/** Keys of the independent random streams (see rngFor): one per purpose, so purposes never disturb each other. */
export const STREAM = {
  profile: 1,
  weeks: 2,
  trips: 3,
  dispatch: 4,
  session: 5,
  jitter: 6,
  wait: 7,
  startPosition: 8,
  patternDeck: 9,
} as const;
