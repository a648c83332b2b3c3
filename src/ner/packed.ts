/**
 * Array builders whose result has one elements kind whichever tier of V8 runs them.
 *
 * `Array.prototype.map` returns a packed array from its builtin but a holey one once the caller
 * is optimised (TurboFan inlines it over `new Array(length)`). Code reading such arrays then
 * meets two array maps: it is deoptimised ("wrong map") and compiled again, and in a fresh
 * extraction worker that compile time was a large share of the CPU. Arrays the tagger's hot
 * path reads are built here instead, always packed.
 */

/** `items.map(f)`, always packed. */
export function mapPacked<T, U>(items: readonly T[], f: (item: T, index: number) => U): U[] {
  const out: U[] = [];
  for (let i = 0; i < items.length; i++) out.push(f(items[i] as T, i));
  return out;
}

/** `length` copies of `value`, packed (`new Array(length).fill(value)` is holey). */
export function filledPacked<T>(length: number, value: T): T[] {
  const out: T[] = [];
  for (let i = 0; i < length; i++) out.push(value);
  return out;
}
