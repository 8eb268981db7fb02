// 西安市's notice to 新城区 and 碑林区, delivered a day into last month and due the next afternoon; 新城区 opened and
// signed for it in time, 碑林区 never did: the month supervision's tests count (定期通报, 考核评比).
import { randomUUID } from 'node:crypto';
import { ok, type Platform } from '../../../../test/support/harness.ts';
import { periodBefore } from '../../src/domain/bulletin-schedule.ts';

export async function lastMonthsNotice(p: Platform, title: string): Promise<{ id: string; xincheng: string; beilin: string }> {
  const gql = async (user: string, q: string, v: Record<string, unknown> = {}) => p.gql(q, v, await p.login(user));
  const [xincheng, beilin] = [await p.orgId('610102'), await p.orgId('610103')];
  const { id } = ok<{ id: string }>(
    await gql('xa.drafter', 'mutation($in: DraftInput!) { createDraft(input: $in) { id } }', {
      in: { docType: '通知', title, body: '正文', docPrefix: '市政发', recipients: [{ orgIds: [xincheng, beilin] }] },
    }),
    'createDraft',
  );
  ok(await gql('xa.drafter', 'mutation($id: ID!) { submitForApproval(id: $id) { id } }', { id }), 'submitForApproval');
  for (let step = 0; step < 2; step++) ok(await gql('xa.leader', 'mutation($id: ID!) { approveDocument(id: $id) { id } }', { id }), 'approveDocument');
  ok(await gql('xa.clerk', 'mutation($id: ID!, $k: String!) { sendDocument(id: $id, sendKey: $k) { id } }', { id, k: randomUUID() }), 'sendDocument');
  const { from } = periodBefore('MONTHLY', new Date());
  const at = (hours: number) => new Date(from.getTime() + hours * 3600_000).toISOString();
  await p.superQuery('update documents.deliveries set delivered_at = $2, document_sent_at = $2, due_at = $3 where document_id = $1', [id, at(34), at(57)]);
  await p.superQuery(
    "update documents.deliveries set status = 'SIGNED', received_at = $3, receipt_action = 'OPEN', signed_at = $3, signed_by_name = '王秀兰' where document_id = $1 and recipient_org_id = $2",
    [id, xincheng, at(50)],
  );
  return { id, xincheng, beilin };
}
