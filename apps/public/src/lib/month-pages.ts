// Pages of one month each (figures, reports, zone timeline): their static paths, with the months
// on either side for the pager.

/**
 * The static paths of a page per month, from the months newest first: each page gets the props
 * `props` gives its month, and the months just newer and older than it (null at either end).
 */
export function monthPaths<M extends { month: string }, P extends object>(months: readonly M[], props: (month: M) => P) {
  return months.map((m, i) => ({
    params: { month: m.month },
    props: { ...props(m), newer: months[i - 1]?.month ?? null, older: months[i + 1]?.month ?? null },
  }));
}
