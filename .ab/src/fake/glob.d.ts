/**
 * Whether the whole of `text` matches the glob `pattern`: `*` matches any run of characters (none
 * included), `?` exactly one, and every other character itself, ignoring case. Losant publishes only
 * that `*` globs; `?`, whole-value matching and case-insensitivity are the fake's choices (see README).
 */
export declare function globMatches(pattern: string, text: string): boolean;
