// A unit's alert webhook (issue 14, findings 1 and 2): its URL carries an access token, so only the unit's own
// administrators (and those of the units above it) read it, by whatever query reaches the unit; and it must point at
// a public host, never at loopback, private or link-local addresses (a subgraph's /internal/* among them).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Platform, startPlatform } from '../../../test/support/harness.ts';

let p: Platform;
before(async () => {
  p = await startPlatform({ services: ['org'] });
});
after(async () => {
  await p.close();
});

const gql = async (user: string, q: string, v: Record<string, unknown> = {}) => p.gql(q, v, await p.login(user));
const HOOK = 'https://hooks.example.com/yizhan/alert?access_token=s3cr3t-xincheng';
const setHook = (user: string, orgId: string, url: string | null) =>
  gql(user, 'mutation($o: ID!, $u: String) { setAlertWebhook(orgId: $o, url: $u) { alertWebhookUrl } }', { o: orgId, u: url });

describe('who reads a unit’s alert webhook', () => {
  let xincheng: string;
  let xian: string;
  before(async () => {
    xincheng = await p.orgId('610102');
    xian = await p.orgId('610100');
    const set = await setHook('xc.admin', xincheng, HOOK);
    assert.equal(set.data?.setAlertWebhook.alertWebhookUrl, HOOK, JSON.stringify(set.errors));
  });

  /** 新城区's webhook as `user` reads it through each query that returns a unit. */
  async function seenBy(user: string): Promise<Record<string, unknown>> {
    const r = await gql(
      user,
      `query($id: ID!, $root: ID!) {
        byId: org(id: $id) { alertWebhookUrl }
        byCode: orgByCode(code: "610102") { alertWebhookUrl }
        search: searchOrgs(name: "新城区") { id alertWebhookUrl }
        below: subtree(rootId: $root, first: 200) { nodes { id alertWebhookUrl } }
        parentOf: org(id: $id) { children(includeClosed: true) { id } parent { children { id alertWebhookUrl } } }
      }`,
      { id: xincheng, root: xian },
    );
    assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    const d = r.data as Record<string, any>;
    const pick = (list: { id: string; alertWebhookUrl: string | null }[]) => list.find((o) => o.id === xincheng)?.alertWebhookUrl;
    return {
      byId: d.byId.alertWebhookUrl,
      byCode: d.byCode.alertWebhookUrl,
      search: pick(d.search),
      subtree: pick(d.below.nodes),
      children: pick(d.parentOf.parent.children),
    };
  }
  const everywhere = (v: string | null) => ({ byId: v, byCode: v, search: v, subtree: v, children: v });

  test('the unit’s own administrator and the administrators of the units above it see the URL', async () => {
    assert.deepEqual(await seenBy('xc.admin'), everywhere(HOOK), '新城区’s own administrator');
    assert.deepEqual(await seenBy('xa.admin'), everywhere(HOOK), '西安市, the superior office');
    assert.deepEqual(await seenBy('sx.admin'), everywhere(HOOK), '陕西省, above both');
  });

  test('another county’s administrator sees null', async () => {
    assert.deepEqual(await seenBy('bl.admin'), everywhere(null), '碑林区 is 新城区’s sibling, not above it');
  });

  test('a sibling city’s administrator sees null', async () => {
    assert.deepEqual(await seenBy('bj.admin'), everywhere(null), '宝鸡市 is not above 新城区');
  });

  test('the unit’s own clerk (not an administrator) sees null', async () => {
    assert.deepEqual(await seenBy('xc.clerk'), everywhere(null));
    assert.deepEqual(await seenBy('xa.clerk'), everywhere(null), 'nor the superior office’s clerk');
  });
});

describe('where a webhook may point', () => {
  const refused = [
    'http://127.0.0.1:4001/internal/unit',
    'http://127.1/internal',
    'http://2130706433/',
    'http://0x7f000001/',
    'http://localhost:4001/internal/unit',
    'http://LOCALHOST./internal',
    'http://api.localhost/',
    'http://0.0.0.0:4001/',
    'http://10.0.0.8/hook',
    'http://172.16.4.2/hook',
    'http://172.31.255.255/hook',
    'http://192.168.1.10/hook',
    'http://169.254.169.254/latest/meta-data/',
    'http://224.0.0.1/',
    'http://[::1]:4001/internal',
    'http://[::]/',
    'http://[fe80::1]/',
    'http://[fd12:3456::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[ff02::1]/',
    'http://printer.local/hook',
    'http://metadata.google.internal/computeMetadata/v1/',
    'https://user:pass@hooks.example.com/alert',
    'https://token@hooks.example.com/alert',
    'ftp://hooks.example.com/alert',
    'javascript:alert(1)',
  ];

  test('loopback, private, link-local, IP-literal, local names and userinfo are refused with BAD_INPUT, and nothing changes', async () => {
    const xincheng = await p.orgId('610102');
    const keep = 'https://hooks.example.com/keep?token=t';
    assert.equal((await setHook('xc.admin', xincheng, keep)).data?.setAlertWebhook.alertWebhookUrl, keep);
    const accepted: string[] = [];
    for (const url of refused) {
      const r = await setHook('xc.admin', xincheng, url);
      const error = r.errors?.[0];
      if (error?.extensions?.code !== 'BAD_INPUT') {
        accepted.push(`${url} → ${JSON.stringify(r.errors ?? r.data)}`);
        continue;
      }
      assert.match(error.message, /public|http|user name|password|address|host/i, `${url}: the refusal says why: ${error.message}`);
    }
    assert.deepEqual(accepted, [], 'every one of these is refused');
    const now = await gql('xc.admin', 'query($id: ID!) { org(id: $id) { alertWebhookUrl } }', { id: xincheng });
    assert.equal(now.data?.org.alertWebhookUrl, keep, 'the webhook set before is unchanged');
  });

  test('a public https host is accepted, and clearing works', async () => {
    const xincheng = await p.orgId('610102');
    for (const url of ['https://hooks.example.com/a?token=1', 'http://alerts.example.gov.cn:8443/yizhan', 'https://8.8.8.8/hook']) {
      const r = await setHook('xc.admin', xincheng, url);
      assert.equal(r.data?.setAlertWebhook.alertWebhookUrl, url, `${url}: ${JSON.stringify(r.errors)}`);
    }
    assert.equal((await setHook('xc.admin', xincheng, null)).data?.setAlertWebhook.alertWebhookUrl, null);
  });
});
