// Paths in the unit hierarchy (ltree, e.g. p61.c6101.k610102), compared the way PostgreSQL's `<@` does: by whole
// labels, so p61.c61011 is not below p61.c6101.

/** `path` is `scope` itself or lies below it in the hierarchy. */
export function isWithin(path: string, scope: string): boolean {
  return path === scope || path.startsWith(`${scope}.`);
}

/** `path` lies strictly below `scope`. */
export function isBelow(path: string, scope: string): boolean {
  return path.startsWith(`${scope}.`);
}

/** The path of the unit directly above (p61.c6101.k610102 → p61.c6101), or null for the top unit. */
export const parentOf = (path: string): string | null => (path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : null);

/** The lowest unit both paths lie within (p61.c6101.k610102, p61.c6101.k610104 → p61.c6101), by whole labels; the
 * empty path when they share no top unit. */
export function commonAncestor(a: string, b: string): string {
  const x = a.split('.');
  const y = b.split('.');
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return x.slice(0, n).join('.');
}
