// Seals for tests: the provincial office's seal made as the seeds describe (through the API), and approved
// documents of the office. Shared by the seals tests and the dashboard's browser tests.
import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { impressionPng } from '../../scripts/lib/png.ts';
import { terminalMessage } from '../../services/seals/src/domain/terminal.ts';
import { codeOf, type GqlResult, ok, type Platform } from './harness.ts';

type Gql = (user: string, query: string, variables?: Record<string, unknown>) => Promise<GqlResult>;

export const OFFICE_PINS = { 'sxb.seal': '135790', 'sxb.seal2': '246801' } as const;

/** The three parties present when a seal is made (seed 004 五(三)), by name and post. */
export const MAKING_WITNESSES = [
  { party: 'GOVERNMENT_OFFICE', name: '王建军', post: '政府办公厅秘书处处长' },
  { party: 'EGOV_OFFICE', name: '李明', post: '电子政务办公室主任' },
  { party: 'OWNING_UNIT', name: '赵红', post: '印章管理员' },
];
const MAKE =
  'mutation($a: ID!, $c: [ID!]!, $w: [WitnessInput!]) { makeSeal(applicationId: $a, custodianIds: $c, witnesses: $w) { id status imageSvg certificateId } }';

/** A seal for 省政府办公厅: applied for, consented, approved, made, in custody. Checks the refusals on the way. */
export async function makeOfficeSeal(gql: Gql): Promise<string> {
  const officeId = (await gql('sxb.admin', '{ me { orgId } }')).data?.me.orgId as string;
  const app = ok(
    await gql('sxb.admin', 'mutation($i: SealApplicationInput!) { applyForSeal(input: $i) { id status } }', {
      // With the scan of the paper impression (seed 001 §19), as the office sends it.
      i: {
        statement: '我厅已具备规范实物印章，申请制作电子公文专用电子印章。',
        suite: 'SM2',
        belowText: '电子公文专用章',
        impression: impressionPng(120).toString('base64'),
      },
    }),
    'applyForSeal',
  );
  assert.equal(
    codeOf(await gql('sx.admin', 'mutation($id: ID!) { decideSealApplication(id: $id, approve: true) { id } }', { id: app.id })),
    'ILLEGAL_TRANSITION',
    'the head consents first',
  );
  ok(await gql('sxb.leader', 'mutation($id: ID!) { consentToSealApplication(id: $id) { status } }', { id: app.id }), 'consentToSealApplication');
  assert.equal(
    codeOf(await gql('sxb.admin', 'mutation($id: ID!) { decideSealApplication(id: $id, approve: true) { id } }', { id: app.id })),
    'FORBIDDEN',
    'not the unit itself',
  );
  ok(await gql('sx.admin', 'mutation($id: ID!) { decideSealApplication(id: $id, approve: true) { status } }', { id: app.id }), 'decideSealApplication');
  const users = ok<{ id: string; username: string }[]>(await gql('sx.admin', 'query($o: ID!) { users(orgId: $o) { id username } }', { o: officeId }), 'users');
  const id = (u: string) => users.find((x) => x.username === u)?.id;
  const one = await gql('sx.admin', 'mutation($a: ID!, $c: [ID!]!) { makeSeal(applicationId: $a, custodianIds: $c) { id } }', {
    a: app.id,
    c: [id('sxb.seal'), id('sxb.seal')],
  });
  assert.equal(codeOf(one), 'BAD_INPUT', 'two different custodians');
  const notKeeper = await gql('sx.admin', 'mutation($a: ID!, $c: [ID!]!) { makeSeal(applicationId: $a, custodianIds: $c) { id } }', {
    a: app.id,
    c: [id('sxb.seal'), id('sxb.clerk')],
  });
  assert.equal(codeOf(notKeeper), 'BAD_INPUT', 'custodians are seal keepers');
  // Made before the three parties (seed 004 五(三)), as it is destroyed: without them, refused, naming who is missing.
  const alone = await gql('sx.admin', MAKE, { a: app.id, c: [id('sxb.seal'), id('sxb.seal2')], w: MAKING_WITNESSES.slice(0, 2) });
  assert.equal(codeOf(alone), 'WITNESSES_REQUIRED');
  assert.deepEqual(alone.errors?.[0]?.extensions?.missing, ['OWNING_UNIT']);
  const seal = ok(
    await gql('sx.admin', MAKE, {
      a: app.id,
      c: [id('sxb.seal'), id('sxb.seal2')],
      w: MAKING_WITNESSES,
    }),
    'makeSeal',
  );
  assert.equal(seal.status, 'PENDING_CUSTODY');
  assert.match(seal.imageSvg, /陕西省人民政府办公厅/);
  assert.match(seal.imageSvg, /<polygon/, 'a star in the centre');
  ok(
    await gql('sxb.seal', 'mutation($s: ID!, $p: String!) { acceptSealCustody(sealId: $s, pin: $p) { status } }', { s: seal.id, p: OFFICE_PINS['sxb.seal'] }),
    'acceptSealCustody',
  );
  const active = ok(
    await gql('sxb.seal2', 'mutation($s: ID!, $p: String!) { acceptSealCustody(sealId: $s, pin: $p) { status } }', { s: seal.id, p: OFFICE_PINS['sxb.seal2'] }),
    'acceptSealCustody',
  );
  assert.equal(active.status, 'ACTIVE');
  return seal.id;
}

/** An approved document of 省政府办公厅 to 西安市, optionally with an attachment. */
export async function approvedOfficeDocument(
  p: Platform,
  gql: Gql,
  tokens: Record<string, string>,
  title: string,
  attachment?: Buffer,
  opts: {
    contentType?: string;
    body?: string;
    docType?: string;
    to?: { orgId: string; name: string };
    /** Further elements of the draft (公开属性 …). */
    elements?: Record<string, unknown>;
  } = {},
): Promise<string> {
  const to = opts.to ?? { orgId: await p.orgId('610100'), name: '西安市人民政府' };
  let attachments: { sha256: string; name: string }[] = [];
  if (attachment) {
    tokens['sxb.drafter'] ??= await p.login('sxb.drafter');
    const up = await fetch(p.gatewayUrl.replace('/graphql', '/blobs'), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens['sxb.drafter']}`,
        'content-type': opts.contentType ?? 'text/plain',
        'x-yizhan-csrf': '1',
        'x-filename': 'fujian',
      },
      body: new Uint8Array(attachment),
    });
    // A declared PDF is attached under a name without an extension: a name saying .pdf is held to the content, and
    // the archive's own format check (of the declared type) is what a test of a file that does not open reaches.
    attachments = [{ sha256: ((await up.json()) as { sha256: string }).sha256, name: opts.contentType === 'application/pdf' ? '附件1' : '附件1.txt' }];
  }
  const draft = ok(
    await gql('sxb.drafter', 'mutation($i: DraftInput!) { createDraft(input: $i) { id } }', {
      i: {
        docType: opts.docType ?? '通知',
        docPrefix: '陕政办发',
        title,
        body: opts.body ?? `<p>${title}的正文。</p>`,
        mainTo: to.name,
        recipients: [{ orgIds: [to.orgId], printQuota: 2 }],
        attachments,
        ...opts.elements,
      },
    }),
    'createDraft',
  );
  ok(await gql('sxb.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id: draft.id }), 'submitForApproval');
  ok(await gql('sxb.approver', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id: draft.id }), 'approveDocument');
  ok(await gql('sxb.leader', 'mutation($id: ID!) { approveDocument(id: $id) { status } }', { id: draft.id }), 'approveDocument');
  return draft.id;
}

/** The office's document stamped by both custodians (the request numbers it first: 登记 before 用印); the stamp's id. */
export async function stampOfficeDocument(gql: Gql, documentId: string): Promise<string> {
  const req = ok(await gql('sxb.drafter', 'mutation($d: ID!) { requestStamp(documentId: $d) { id } }', { d: documentId }), 'requestStamp');
  const pin = (user: keyof typeof OFFICE_PINS) =>
    gql(user, 'mutation($r: ID!, $p: String!) { presentSealPin(requestId: $r, pin: $p) { status stampId } }', { r: req.id, p: OFFICE_PINS[user] });
  ok(await pin('sxb.seal'), 'presentSealPin');
  const done = ok(await pin('sxb.seal2'), 'presentSealPin');
  assert.equal(done.status, 'COMPLETED');
  return done.stampId;
}

/**
 * A sealed send of the office (its seal made already): approved, stamped, sent to 西安市; the OFD the send stored,
 * downloaded by 西安市's clerk as a recipient does (`/blobs/<sha256>?delivery=`).
 */
export async function sealedSend(p: Platform, gql: Gql, tokens: Record<string, string>, title: string) {
  const documentId = await approvedOfficeDocument(p, gql, tokens, title);
  await stampOfficeDocument(gql, documentId);
  const sent = ok(
    await gql('sxb.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { status docNumber ofdSha256 } }', {
      id: documentId,
      k: crypto.randomUUID(),
    }),
    'sendDocument',
  );
  const inbox = ok(await gql('xa.clerk', 'query($s: String!) { inbox(filter: {search: $s}) { nodes { id } } }', { s: title }), 'inbox');
  tokens['xa.clerk'] ??= await p.login('xa.clerk');
  const res = await fetch(`${p.gatewayUrl.replace('/graphql', '/blobs')}/${sent.ofdSha256}?delivery=${inbox.nodes[0].id}`, {
    headers: { authorization: `Bearer ${tokens['xa.clerk']}` },
  });
  assert.equal(res.status, 200, 'the recipient downloads the OFD');
  return { documentId, docNumber: sent.docNumber as string, ofdSha256: sent.ofdSha256 as string, ofd: Buffer.from(await res.arrayBuffer()) };
}

/**
 * A computer's terminal key as the dashboard makes it in the browser (ECDSA P-256), made here with Node: its public key
 * (SPKI, base64) to register, and its proof for a PIN — the signature (r‖s) over the request and the custodian, as
 * TerminalProofInput states it.
 */
export function terminalKey() {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    prove: (requestId: string, userId: string) =>
      sign('sha256', terminalMessage(requestId, userId), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64'),
  };
}
