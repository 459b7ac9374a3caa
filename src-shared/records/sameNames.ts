// People are shown names, not record ids. An id comes back only where two rows of the same list
// would otherwise read the same (two trainees called 王芳 in one class): this says which.

/** The ids of `rows` whose name is shared with another row of the same list. */
export function idsSharingAName<T>(
  rows: readonly T[],
  name: (row: T) => string,
  id: (row: T) => string,
): Set<string> {
  const count = new Map<string, number>();
  for (const row of rows) count.set(name(row), (count.get(name(row)) ?? 0) + 1);
  return new Set(rows.filter((row) => (count.get(name(row)) ?? 0) > 1).map(id));
}
