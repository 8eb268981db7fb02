// Records filed together (DA/T 22: 来文与复文 — a 请示 and its 批复 — belong together): a record names the documents
// its own answers, passes on (转发) or corrects (修改后重发), as documents gave them at archiving; the other side of
// each link is found from the records that name it.

export const RELATION_KINDS = ['REPLY_TO', 'FORWARD_OF', 'CORRECTION_OF'] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

/** A link as the record's metadata keeps it (documents' archival package `relations`). */
export interface DocumentRelation {
  kind: RelationKind;
  documentId: string;
  title: string;
  docNumber: string | null;
  orgName: string | null;
}

/**
 * How a record is related to the other, in the catalogue's words: seen from the record that names the link (this one
 * answers the other: the other is its 来文) or from the one it names (the other answers this one: its 复文).
 */
export const RELATION_WORDS: Record<RelationKind, { named: string; naming: string }> = {
  REPLY_TO: { named: '来文', naming: '复文' },
  FORWARD_OF: { named: '被转发文件', naming: '转发文件' },
  CORRECTION_OF: { named: '原文件', naming: '更正后文件' },
};

/** The links a record's metadata names, the malformed left out (metadata corrected by hand, or from before). */
export function relationsIn(metadata: Record<string, unknown>): DocumentRelation[] {
  const list = Array.isArray(metadata.relations) ? (metadata.relations as unknown[]) : [];
  return list.filter(
    (r): r is DocumentRelation =>
      !!r &&
      typeof r === 'object' &&
      (RELATION_KINDS as readonly string[]).includes((r as DocumentRelation).kind) &&
      typeof (r as DocumentRelation).documentId === 'string' &&
      typeof (r as DocumentRelation).title === 'string',
  );
}
