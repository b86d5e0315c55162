/**
 * Whether the whole of `text` matches the glob `pattern`: `*` matches any run of characters (none
 * included), `?` exactly one, and every other character itself, ignoring case. Losant publishes only
 * that `*` globs; `?`, whole-value matching and case-insensitivity are the fake's choices (see
 * docs/testing.md). The audit's policy globs scopes and names in the same dialect.
 */
export function globMatches(pattern: string, text: string): boolean {
  // Code points, so that `?` is one character even outside the Basic Multilingual Plane.
  const p = [...pattern.toLowerCase()];
  const t = [...text.toLowerCase()];
  // One pass with a single backtrack point, the last `*` seen: time bounded by the product of the two
  // lengths, never exponential as a regular expression built from the pattern could be. Past the
  // pattern's end p[i] is undefined, which equals no character of the text and is neither `?` nor `*`.
  let i = 0;
  let j = 0;
  let star = -1;
  let resume = 0;
  while (j < t.length) {
    if (p[i] === "?" || (p[i] !== "*" && p[i] === t[j])) {
      i += 1;
      j += 1;
    } else if (p[i] === "*") {
      star = i;
      resume = j;
      i += 1;
    } else if (star >= 0) {
      i = star + 1;
      resume += 1;
      j = resume;
    } else {
      return false;
    }
  }
  while (p[i] === "*") i += 1;
  return i === p.length;
}
