/** Finding a class by name or number among up to 1000 labels, pure. */

/** Lower-case, with `_`/`-` as spaces, so "tabby_cat" finds "tabby, tabby cat". */
function norm(s: string): string {
  return s.toLowerCase().replace(/[_-]+/g, ' ').trim();
}

/**
 * Indices of the classes matching `query`, best first: a class number typed as such, then labels starting
 * with the query, then labels with a word starting with it, then any substring; ties by probability
 * (highest first), then index. An empty query matches nothing (the picker shows the top classes instead).
 */
export function searchClasses(labels: readonly string[], probs: ArrayLike<number>, query: string): number[] {
  const q = norm(query);
  if (!q) return [];
  const byNumber = /^\d+$/.test(q) && Number(q) < labels.length ? [Number(q)] : [];
  const rank = (label: string): number => {
    const l = norm(label);
    if (l.startsWith(q)) return 0;
    if (l.split(/[\s,]+/).some((w) => w.startsWith(q))) return 1;
    return l.includes(q) ? 2 : -1;
  };
  const hits = labels
    .map((label, index) => ({ index, r: rank(label) }))
    .filter((h) => h.r >= 0 && !byNumber.includes(h.index));
  hits.sort((a, b) => a.r - b.r || (probs[b.index] ?? 0) - (probs[a.index] ?? 0) || a.index - b.index);
  return [...byNumber, ...hits.map((h) => h.index)];
}
