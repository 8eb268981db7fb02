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
