// The statistics every benchmark script here shares: medians, rotated orders, and ratios paired within a
// round. A shared machine drifts from round to round; ratios taken inside one round keep that drift out.

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The names in the order of round `round`: rotated, so that none always runs first or after the same one. */
export function rotated(names, round) {
  return names.map((_, i) => names[(i + round) % names.length]);
}

/** Median over rounds of `rounds[name][i][key] / rounds[other][i][key]` (or of plain numbers, without key). */
export function pairedRatio(rounds, name, other, key) {
  const value = (entry) => (key === undefined ? entry : entry[key]);
  return median(rounds[name].map((entry, i) => value(entry) / value(rounds[other][i])));
}

/**
 * Runs `count` rounds of all sides, in rotated order; resolves with every side's results by round
 * (`{ [name]: [result, …] }`). `run(name)` may be async. Warming up is the caller's.
 */
export async function interleaved(names, count, run) {
  const rounds = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < count; round += 1) {
    for (const name of rotated(names, round)) rounds[name].push(await run(name));
  }
  return rounds;
}
