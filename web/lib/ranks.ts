// A ranking's places as a ranking states them: equal figures share a place, and the next takes the place after them
// all (1, 1, 3) — not a place decided by the order of two units' names.

/** Each item's place in an already ordered list, by the key that ranks it. */
export function sharedPlaces<T>(ordered: readonly T[], key: (item: T) => string | number): number[] {
  const places: number[] = [];
  ordered.forEach((item, i) => {
    const prev = ordered[i - 1];
    places.push(i > 0 && prev !== undefined && key(prev) === key(item) ? (places[i - 1] as number) : i + 1);
  });
  return places;
}
