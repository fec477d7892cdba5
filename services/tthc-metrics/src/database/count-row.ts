/**
 * A row of counts as the `pg` driver returns it (count(*) and sums are bigint, so text) with the
 * counts as numbers; the columns named in `keep` (e.g. a grouping key) stay text. Counts here are
 * far below 2^53, so Number() is exact.
 */
export function countRow<T>(row: Record<string, string> | undefined, keep: readonly string[] = []): T {
  return Object.fromEntries(
    Object.entries(row ?? {}).map(([column, value]) => [
      column,
      keep.includes(column) ? value : Number(value),
    ]),
  ) as T;
}
