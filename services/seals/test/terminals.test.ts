// 用印专用终端 through the real platform (seed 000 §18: 电子印章由指定人员在…专用计算机上使用; seed 002 六 专机专用、专人管
// 理): the office's administrator registers a computer (its own P-256 key) and the person who looks after it, and keeps
// the seal to its terminals; then a custodian's PIN is taken only with that computer's proof over the request and the
// custodian — not without one, not from a computer not registered or revoked, not with a proof made for another
// request — and a PIN refused so is not counted as a wrong one. Only the unit's administrator registers, revokes and
// decides; another unit sees none of it.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { asDemoUsers, codeOf, ok, type Platform, startPlatform } from '../../../test/support/harness.ts';
import { approvedOfficeDocument, makeOfficeSeal, OFFICE_PINS, terminalKey } from '../../../test/support/seals.ts';

let p: Platform;
const { gql, tokens } = asDemoUsers(() => p);
const TERMINAL = 'id name keeperName fingerprint registeredByName lastUsedAt revokedAt revokedByName revokedReason';
const REGISTER = `mutation($i: SealTerminalInput!) { registerSealTerminal(input: $i) { ${TERMINAL} } }`;
const LIST = `{ sealTerminals { ${TERMINAL} } }`;
const ONLY = 'mutation($s: ID!, $r: Boolean!) { setSealTerminalOnly(sealId: $s, required: $r) { id terminalOnly } }';
const PIN = 'mutation($r: ID!, $p: String!, $t: TerminalProofInput) { presentSealPin(requestId: $r, pin: $p, terminal: $t) { status stampId } }';
type Terminal = { id: string; name: string; keeperName: string; fingerprint: string; lastUsedAt: string | null; revokedAt: string | null };

const userId = async (username: string) => (await p.superQuery<{ id: string }>('select id from org.users where username = $1', [username]))[0]?.id as string;
const requestFor = async (title: string) => {
  const doc = await approvedOfficeDocument(p, gql, tokens, title);
  return ok<{ id: string }>(await gql('sxb.drafter', 'mutation($d: ID!) { requestStamp(documentId: $d) { id } }', { d: doc }), 'requestStamp').id;
};

let sealId: string;
const office = terminalKey();
let terminal: Terminal;

before(async () => {
  p = await startPlatform({ services: ['seals'] });
  sealId = await makeOfficeSeal(gql);
});
after(() => p?.close());

describe('用印专用终端', () => {
  test('registered by the unit’s administrator, with the person who looks after it; bad input names its field', async () => {
    assert.deepEqual(ok(await gql('sxb.admin', LIST), 'sealTerminals'), []);
    // Kept to terminals before there is one: refused, the seal could not be used at all.
    const none = await gql('sxb.admin', ONLY, { s: sealId, r: true });
    assert.deepEqual([codeOf(none), none.errors?.[0]?.extensions?.field], ['BAD_INPUT', 'required']);
    const keeper = await userId('sxb.seal');
    const input = { name: '办公室用印专用机', keeperId: keeper, publicKey: office.publicKey };
    assert.equal(codeOf(await gql('sxb.seal', REGISTER, { i: input })), 'FORBIDDEN', 'a seal keeper does not register computers');
    const count = () => p.superCount('select count(*) n from seals.terminals');
    const before = await count();
    const rsa = (await import('node:crypto'))
      .generateKeyPairSync('rsa', { modulusLength: 1024 })
      .publicKey.export({ format: 'der', type: 'spki' })
      .toString('base64');
    for (const [patch, field] of [
      [{ publicKey: rsa }, 'publicKey'],
      [{ publicKey: 'not a key' }, 'publicKey'],
      [{ publicKey: Buffer.from('garbage').toString('base64') }, 'publicKey'],
      [{ keeperId: await userId('xa.clerk') }, 'keeperId'],
      [{ keeperId: 'x' }, 'keeperId'],
      [{ name: '' }, 'name'],
      [{ name: '机'.repeat(61) }, 'name'],
    ] as const) {
      const r = await gql('sxb.admin', REGISTER, { i: { ...input, ...patch } });
      assert.deepEqual([codeOf(r), r.errors?.[0]?.extensions?.field], ['BAD_INPUT', field], JSON.stringify(patch).slice(0, 60));
    }
    assert.equal(await count(), before, 'nothing written');
    terminal = ok<Terminal>(await gql('sxb.admin', REGISTER, { i: input }), 'registerSealTerminal');
    assert.deepEqual(
      [terminal.name, terminal.keeperName, terminal.fingerprint],
      ['办公室用印专用机', '杨丽', createHash('sha256').update(Buffer.from(office.publicKey, 'base64')).digest('hex')],
    );
    const again = await gql('sxb.admin', REGISTER, { i: { ...input, name: '另一台' } });
    assert.equal(codeOf(again), 'CONFLICT', 'one computer is one terminal');
    assert.match(again.errors?.[0]?.message ?? '', /办公室用印专用机/);
    // Its custodians read the list; a clerk does not.
    assert.equal(ok<Terminal[]>(await gql('sxb.seal2', LIST), 'sealTerminals').length, 1);
    assert.equal(codeOf(await gql('sxb.clerk', LIST)), 'FORBIDDEN');
  });

  test('kept to its terminals, the seal takes a PIN only with the proof of one; a PIN refused so is not counted as wrong', async () => {
    assert.equal(codeOf(await gql('xa.admin', ONLY, { s: sealId, r: true })), 'FORBIDDEN', 'another unit’s administrator');
    assert.equal(codeOf(await gql('sxb.seal', ONLY, { s: sealId, r: true })), 'FORBIDDEN', 'a custodian');
    assert.equal(ok<{ terminalOnly: boolean }>(await gql('sxb.admin', ONLY, { s: sealId, r: true }), 'setSealTerminalOnly').terminalOnly, true);
    const req = await requestFor('关于专用终端用印的通知');
    const [seal1, seal2] = [await userId('sxb.seal'), await userId('sxb.seal2')];
    const stranger = terminalKey();
    const refusals: [Record<string, unknown> | null, string][] = [
      [null, 'NO_PROOF'],
      [{ terminalId: '00000000-0000-4000-8000-000000000000', signature: office.prove(req, seal1) }, 'UNKNOWN_TERMINAL'],
      [{ terminalId: terminal.id, signature: stranger.prove(req, seal1) }, 'BAD_SIGNATURE'],
      // The right computer's proof, made for another request or for the other custodian: not this PIN's.
      [{ terminalId: terminal.id, signature: office.prove(crypto.randomUUID(), seal1) }, 'BAD_SIGNATURE'],
      [{ terminalId: terminal.id, signature: office.prove(req, seal2) }, 'BAD_SIGNATURE'],
      [{ terminalId: terminal.id, signature: 'AAAA' }, 'BAD_SIGNATURE'],
    ];
    for (const [proof, reason] of refusals) {
      const r = await gql('sxb.seal', PIN, { r: req, p: OFFICE_PINS['sxb.seal'], t: proof });
      assert.deepEqual([codeOf(r), r.errors?.[0]?.extensions?.reason], ['TERMINAL_REQUIRED', reason]);
    }
    // Six refusals, none of them a wrong PIN: a wrong PIN now still has four tries left of five.
    const wrong = await gql('sxb.seal', PIN, { r: req, p: '975310', t: { terminalId: terminal.id, signature: office.prove(req, seal1) } });
    assert.deepEqual([codeOf(wrong), wrong.errors?.[0]?.extensions?.attemptsLeft], ['WRONG_PIN', 4]);
    const first = ok<{ status: string }>(
      await gql('sxb.seal', PIN, { r: req, p: OFFICE_PINS['sxb.seal'], t: { terminalId: terminal.id, signature: office.prove(req, seal1) } }),
      'presentSealPin',
    );
    assert.equal(first.status, 'PENDING');
    const done = ok<{ status: string }>(
      await gql('sxb.seal2', PIN, { r: req, p: OFFICE_PINS['sxb.seal2'], t: { terminalId: terminal.id, signature: office.prove(req, seal2) } }),
      'presentSealPin',
    );
    assert.equal(done.status, 'COMPLETED');
    // The register says where the seal was used; the terminal when.
    const log = ok<{ action: string; detail: string }[]>(
      await gql('sxb.admin', 'query($s: ID!) { sealLog(sealId: $s) { action detail } }', { s: sealId }),
      'sealLog',
    );
    assert.ok(log.some((e) => e.action === 'TERMINALS_ONLY'));
    const used = log.filter((e) => e.action === 'USED' || e.action === 'PIN_PRESENTED').map((e) => [e.action, JSON.parse(e.detail).terminal]);
    assert.deepEqual(used.slice(-2), [
      ['PIN_PRESENTED', '办公室用印专用机'],
      ['USED', '办公室用印专用机'],
    ]);
    assert.ok(ok<Terminal[]>(await gql('sxb.admin', LIST), 'sealTerminals')[0]?.lastUsedAt);
  });

  test('revoked, a computer’s proof no longer counts; let out of its terminals, the seal is used anywhere again', async () => {
    const REVOKE = `mutation($id: ID!, $r: String!) { revokeSealTerminal(id: $id, reason: $r) { ${TERMINAL} } }`;
    assert.equal(codeOf(await gql('sxb.seal', REVOKE, { id: terminal.id, r: '设备报废' })), 'FORBIDDEN');
    assert.equal(codeOf(await gql('sxb.admin', REVOKE, { id: terminal.id, r: ' ' })), 'BAD_INPUT');
    const revoked = ok<Terminal & { revokedByName: string; revokedReason: string }>(
      await gql('sxb.admin', REVOKE, { id: terminal.id, r: '设备报废' }),
      'revokeSealTerminal',
    );
    assert.deepEqual([typeof revoked.revokedAt, revoked.revokedByName, revoked.revokedReason], ['string', '徐磊', '设备报废']);
    assert.equal(codeOf(await gql('sxb.admin', REVOKE, { id: terminal.id, r: '设备报废' })), 'ILLEGAL_TRANSITION');
    const req = await requestFor('关于终端注销后用印的通知');
    const seal1 = await userId('sxb.seal');
    const r = await gql('sxb.seal', PIN, { r: req, p: OFFICE_PINS['sxb.seal'], t: { terminalId: terminal.id, signature: office.prove(req, seal1) } });
    assert.deepEqual([codeOf(r), r.errors?.[0]?.extensions?.reason], ['TERMINAL_REQUIRED', 'REVOKED']);
    ok(await gql('sxb.admin', ONLY, { s: sealId, r: false }), 'setSealTerminalOnly');
    ok(await gql('sxb.seal', PIN, { r: req, p: OFFICE_PINS['sxb.seal'] }), 'presentSealPin');
    assert.equal(ok<{ status: string }>(await gql('sxb.seal2', PIN, { r: req, p: OFFICE_PINS['sxb.seal2'] }), 'presentSealPin').status, 'COMPLETED');
  });

  test('another unit sees none of it, by the application and by row-level security alone', async () => {
    assert.deepEqual(ok(await gql('xa.admin', LIST), 'sealTerminals'), [], '西安市 has none of its own and reads none of the office’s');
    const REVOKE = 'mutation($id: ID!) { revokeSealTerminal(id: $id, reason: "外单位") { id } }';
    assert.equal(codeOf(await gql('xa.admin', REVOKE, { id: terminal.id })), 'NOT_FOUND');
    const xa = (await p.superQuery<{ path: string }>("select path::text from org.orgs where code = '610100'"))[0]?.path as string;
    assert.equal(await p.scopedCount({ orgPath: xa }, 'select count(*) n from seals.terminals'), 0);
    assert.ok((await p.superCount('select count(*) n from seals.terminals')) >= 1);
  });
});
