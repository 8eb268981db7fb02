// Wrong-tenant cases of documents' internal `ofd-to-sign` (issue 18: every issuer's seal signs a joint document's OFD).
// Not a root field of the schema, so not in the suite's table: the caller is a gateway-signed context of another unit,
// posted to documents' internal API as the seals service would (services/documents/test/joint-ofd.test.ts runs it on
// a numbered joint document of 省政府办公厅 with 西安市). A unit that neither leads nor co-issues the document — the
// recipient named (宝鸡市), a unit below the co-issuer (新城区), one beside it (碑林区) — gets no Signature.xml: refused,
// NOT_FOUND or FORBIDDEN, never an answer.
import assert from 'node:assert/strict';

export const OFD_TO_SIGN_WRONG_UNITS = ['bj.clerk', 'xc.leader', 'bl.admin'] as const;

/** `ask(username)` posts `ofd-to-sign` for `documentId` as that user's unit: each wrong unit is refused. */
export async function ofdToSignFromWrongUnits(documentId: string, ask: (username: string) => Promise<{ answer?: unknown; code?: string }>): Promise<void> {
  for (const who of OFD_TO_SIGN_WRONG_UNITS) {
    const r = await ask(who);
    assert.equal(r.answer, undefined, `${who} is answered nothing for ${documentId}`);
    assert.ok(['NOT_FOUND', 'FORBIDDEN'].includes(r.code ?? ''), `${who}: refused (${r.code})`);
  }
}
