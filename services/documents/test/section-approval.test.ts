// seed 000 §11 (拟稿…必须征得处(室)主要负责人和分管领导同意) through the real gateway: 新城区's 综合科, where its drafter
// works, names its 处室主要负责人 and its 分管领导; a draft of the section then goes to them — the 审核 step to the head,
// the leader's step before the 签发 to the leader in charge — and anyone else of the step's role is refused, by name;
// the 签发 stays the named 签发人's. Only the unit's administrators name them, and only people of the unit in the roles.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { asDemoUsers, codeOf, ok, type Platform, startPlatform } from '../../../test/support/harness.ts';

let p: Platform;
const { gql, tokens } = asDemoUsers(() => p);
const ids: Record<string, string> = {};

/** A person of 新城区 made by its administrator, logged in with a password of their own; their id. */
async function person(username: string, displayName: string, roles: string[]): Promise<string> {
  const made = ok<{ user: { id: string }; oneTimePassword: string }>(
    await gql('xc.admin', 'mutation($in: CreateUserInput!) { createUser(input: $in) { user { id } oneTimePassword } }', {
      in: { orgId: ids.xincheng, username, displayName, roles },
    }),
    'createUser',
  );
  const changed = await p.gql(
    'mutation($u: String!, $n: String!, $c: String!) { changeInitialPassword(username: $u, newPassword: $n, currentPassword: $c) { token } }',
    { u: username, n: `Approve#2026-Xincheng-${roles.join('')}`, c: made.oneTimePassword },
  );
  assert.equal(changed.errors, undefined, JSON.stringify(changed.errors));
  tokens[username] = changed.data?.changeInitialPassword.token;
  return made.user.id;
}

before(async () => {
  p = await startPlatform({ services: ['documents'] });
  for (const [k, code] of Object.entries({ xincheng: '610102', xian: '610100', beilin: '610103' })) ids[k] = await p.orgId(code);
});
after(() => p?.close());

const SECTIONS = 'query($o: ID) { sections(orgId: $o) { id name head { displayName } leader { displayName } } }';
const SET = 'mutation($id: ID!, $h: ID, $l: ID) { setSectionApprovers(id: $id, headId: $h, leaderId: $l) { id head { displayName } leader { displayName } } }';

test('a draft of a section goes to its head for 审核 and to its leader in charge before the 签发; others of the role are refused by name', async () => {
  const head = await person('xc.kezhang', '孙科长', ['APPROVER']);
  const vice = await person('xc.fuquzhang', '钱副区长', ['LEADER']);
  const settings = ok<{ docPrefixes: string[] }>(await gql('xc.admin', 'query($id: ID!) { org(id: $id) { docPrefixes } }', { id: ids.xincheng }), 'org');
  ok(
    await gql('xc.admin', 'mutation($o: ID!, $p: [String!]!, $c: [String!]!) { updateUnitSettings(orgId: $o, docPrefixes: $p, approvalChain: $c) { id } }', {
      o: ids.xincheng,
      p: settings.docPrefixes,
      c: ['APPROVER', 'LEADER', 'LEADER'],
    }),
    'updateUnitSettings',
  );
  const zonghe = ok<{ id: string; name: string }[]>(await gql('xc.admin', SECTIONS, { o: ids.xincheng }), 'sections').find((s) => s.name === '综合科');
  assert.ok(zonghe, '综合科, where the drafter works');

  // Named by the unit's administrators only, and only people of the unit in the roles.
  const unchanged = async () => ok<{ name: string }[]>(await gql('xc.admin', SECTIONS, { o: ids.xincheng }), 'sections').find((s) => s.name === '综合科');
  const before = JSON.stringify(await unchanged());
  const otherUnit = (await p.superQuery<{ id: string }>("select id from org.users where username = 'bl.admin'"))[0]?.id;
  for (const [who, h, l, code, field] of [
    ['xc.clerk', head, vice, 'FORBIDDEN', undefined],
    ['bl.admin', head, vice, 'NOT_FOUND', undefined],
    ['xc.admin', vice, vice, 'BAD_INPUT', 'headId'],
    ['xc.admin', head, head, 'BAD_INPUT', 'leaderId'],
    ['xc.admin', head, otherUnit, 'BAD_INPUT', 'leaderId'],
  ] as const) {
    const r = await gql(who, SET, { id: zonghe.id, h, l });
    assert.deepEqual([codeOf(r), r.errors?.[0]?.extensions?.field], [code, field], `${who} ${field ?? ''}`);
  }
  assert.equal(JSON.stringify(await unchanged()), before, 'nothing changed');
  const set = ok<{ head: { displayName: string }; leader: { displayName: string } }>(
    await gql('xc.admin', SET, { id: zonghe.id, h: head, l: vice }),
    'setSectionApprovers',
  );
  assert.deepEqual([set.head.displayName, set.leader.displayName], ['孙科长', '钱副区长']);

  /** A 请示 of the section's drafter to 西安市, 签发人 罗文彬, submitted; its id. */
  const submitted = async (title: string) => {
    const id = ok<{ id: string }>(
      await gql('xc.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
        in: { docType: '请示', title, body: '<p>请示</p>', docPrefix: settings.docPrefixes[0], signer: '罗文彬', recipients: [{ orgIds: [ids.xian] }] },
      }),
      'createDraft',
    ).id;
    ok(await gql('xc.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id }), 'submitForApproval');
    return id;
  };
  const draft = await submitted('关于综合科拟稿审批的请示');
  const APPROVE = 'mutation($id: ID!) { approveDocument(id: $id) { status approvalStep } }';
  // 审核: 罗文彬 holds APPROVER too, but the section names its head.
  const notHead = await gql('xc.leader', APPROVE, { id: draft });
  assert.deepEqual(
    [codeOf(notHead), notHead.errors?.[0]?.extensions?.approver, notHead.errors?.[0]?.extensions?.section],
    ['NOT_SECTION_APPROVER', '孙科长', '综合科'],
  );
  assert.equal(ok<{ approvalStep: number }>(await gql('xc.kezhang', APPROVE, { id: draft }), 'approveDocument').approvalStep, 1);
  // The leader's step before the 签发: the leader in charge, not the 签发人.
  const notLeader = await gql('xc.leader', APPROVE, { id: draft });
  assert.deepEqual([codeOf(notLeader), notLeader.errors?.[0]?.extensions?.approver], ['NOT_SECTION_APPROVER', '钱副区长']);
  assert.equal(ok<{ approvalStep: number }>(await gql('xc.fuquzhang', APPROVE, { id: draft }), 'approveDocument').approvalStep, 2);
  // The 签发: the named 签发人's, whatever the section names.
  assert.equal(codeOf(await gql('xc.fuquzhang', APPROVE, { id: draft })), 'NOT_NAMED_SIGNER');
  assert.equal(ok<{ status: string }>(await gql('xc.leader', APPROVE, { id: draft }), 'approveDocument').status, 'APPROVED');

  // Named no longer: anyone of the role approves again.
  ok(await gql('xc.admin', SET, { id: zonghe.id, h: null, l: null }), 'setSectionApprovers');
  const next = await submitted('关于不指定审批人的请示');
  assert.equal(ok<{ approvalStep: number }>(await gql('xc.leader', APPROVE, { id: next }), 'approveDocument').approvalStep, 1);
});
