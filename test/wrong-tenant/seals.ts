// Wrong-tenant cases of the seals subgraph: one per root field. The other unit is 省政府办公厅 (its seal, in two
// custodians' keeping, and a stamp request for its approved document) and 新城区 (a seal application waiting for its
// head); the wrong units are 西安市 and 碑林区, and 宝鸡市 for the issuing authority's decisions.
import assert from 'node:assert/strict';
import { ok } from '../support/harness.ts';
import { terminalKey } from '../support/seals.ts';
import { type Cases, nothingForeign, refused, refusedUnchanged, type World } from './support.ts';

/** The office's seal keepers' names and accounts, besides the office's and 新城区's private ids. */
const foreign = (w: World) => [...w.privateOf.office, ...w.privateOf.xincheng, '印章保管人', 'sxb.seal'];
const SEAL = 'id orgId status custodianA custodianAName custodianB custodianBName';
const readSeal = (w: World) => ({ as: 'sxb.admin', query: `query($id: ID!) { seal(id: $id) { ${SEAL} statusReason } }`, variables: { id: w.id.officeSeal } });
const readApplications = () => ({ as: 'xc.admin', query: '{ sealApplications { id status consentByName approvedByName sealId } }' });
const readStampRequests = () => ({ as: 'sxb.clerk', query: '{ stampRequests { id status firstAt stampId } }' });

/** A terminal of the office, registered by its administrator, looked after by its first seal keeper; its id. */
async function officeTerminal(w: World, name: string): Promise<string> {
  const keeper = (await w.p.superQuery<{ id: string }>("select id from org.users where username = 'sxb.seal'"))[0]?.id;
  return ok<{ id: string }>(
    await w.gql('sxb.admin', 'mutation($i: SealTerminalInput!) { registerSealTerminal(input: $i) { id } }', {
      i: { name, keeperId: keeper, publicKey: terminalKey().publicKey },
    }),
    'registerSealTerminal',
  ).id;
}
const readTerminals = () => ({ as: 'sxb.admin', query: '{ sealTerminals { id name keeperName revokedAt revokedReason } }' });

export const sealsCases: Cases = {
  'Query.sealTerminals': {
    async run(w) {
      const id = await officeTerminal(w, 'WT办公厅用印专用机');
      for (const who of ['xa.admin', 'bl.admin'])
        await nothingForeign(w, who, '{ sealTerminals { id name keeperName fingerprint } }', {}, [...foreign(w), id, 'WT办公厅用印专用机']);
    },
  },
  'Mutation.registerSealTerminal': {
    async run(w) {
      // Only the unit's administrator, and only for its own people: another unit's keeper is not named.
      const keeper = (await w.p.superQuery<{ id: string }>("select id from org.users where username = 'sxb.seal'"))[0]?.id;
      const q = 'mutation($i: SealTerminalInput!) { registerSealTerminal(input: $i) { id } }';
      await refusedUnchanged(w, 'xa.clerk', q, { i: { name: 'WT外单位终端', keeperId: keeper, publicKey: terminalKey().publicKey } }, readTerminals());
      await refusedUnchanged(w, 'xa.admin', q, { i: { name: 'WT外单位终端', keeperId: keeper, publicKey: terminalKey().publicKey } }, readTerminals(), {
        codes: ['BAD_INPUT'],
        foreign: foreign(w),
      });
    },
  },
  'Mutation.revokeSealTerminal': {
    async run(w) {
      const id = await officeTerminal(w, 'WT办公厅待注销终端');
      const q = 'mutation($id: ID!) { revokeSealTerminal(id: $id, reason: "外单位") { id } }';
      for (const who of ['xa.admin', 'sxb.seal']) await refusedUnchanged(w, who, q, { id }, readTerminals(), { foreign: foreign(w) });
    },
  },
  'Mutation.setSealTerminalOnly': {
    async run(w) {
      const q = 'mutation($s: ID!) { setSealTerminalOnly(sealId: $s, required: true) { id terminalOnly } }';
      const back = { ...readSeal(w), query: `query($id: ID!) { seal(id: $id) { ${SEAL} terminalOnly } }` };
      for (const who of ['xa.admin', 'bl.admin', 'sxb.seal']) await refusedUnchanged(w, who, q, { s: w.id.officeSeal }, back, { foreign: foreign(w) });
    },
  },
  'Query.sealApplications': {
    async run(w) {
      await nothingForeign(w, 'bl.admin', '{ sealApplications { id orgId statement applicantName impression { applicationId sha256 } } }', {}, foreign(w));
    },
  },
  'Query.seals': {
    async run(w) {
      // A seal itself is shown to verifiers; who keeps its key shares is not (custodians null).
      await nothingForeign(w, 'xa.admin', `query($o: ID!) { seals(orgId: $o) { ${SEAL} } }`, { o: w.unit.office }, foreign(w));
    },
  },
  'Query.seal': {
    async run(w) {
      const r = await nothingForeign(w, 'xa.admin', `query($id: ID!) { seal(id: $id) { ${SEAL} } }`, { id: w.id.officeSeal }, foreign(w));
      if (r.data?.seal) assert.deepEqual([r.data.seal.custodianA, r.data.seal.custodianB], [null, null]);
      await nothingForeign(w, 'bl.clerk', `query($id: ID!) { seal(id: $id) { ${SEAL} } }`, { id: w.id.officeSeal }, foreign(w));
      // Its paper impression (印模) is in the office's file, for the office and the units above it: a unit below reads null.
      for (const who of ['xa.admin', 'bl.clerk'])
        assert.equal(
          ok(await w.gql(who, 'query($id: ID!) { seal(id: $id) { impression { sha256 } } }', { id: w.id.officeSeal }), 'seal').impression,
          null,
          who,
        );
      assert.ok(
        ok(await w.gql('sxb.admin', 'query($id: ID!) { seal(id: $id) { impression { sha256 } } }', { id: w.id.officeSeal }), 'seal').impression,
        'the office reads it',
      );
    },
  },
  'Query.sealImpression': {
    async run(w) {
      // The office's paper impression (印模), asked by its application from units below it: not found, nothing told.
      const office = ok<{ impression: { applicationId: string } }>(
        await w.gql('sxb.admin', 'query($id: ID!) { seal(id: $id) { impression { applicationId } } }', { id: w.id.officeSeal }),
        'seal',
      );
      for (const who of ['xa.admin', 'bl.clerk'])
        await refused(
          w,
          who,
          'query($a: ID!) { sealImpression(applicationId: $a) { sha256 base64 } }',
          { a: office.impression.applicationId },
          {
            codes: ['NOT_FOUND'],
            foreign: foreign(w),
          },
        );
    },
  },
  'Query.sealLog': {
    async run(w) {
      await nothingForeign(w, 'xa.admin', 'query($id: ID!) { sealLog(sealId: $id) { action actorName detail } }', { id: w.id.officeSeal }, foreign(w));
    },
  },
  'Query.stampRequests': {
    async run(w) {
      await nothingForeign(w, 'xa.admin', '{ stampRequests { id documentTitle requestedByName } }', {}, foreign(w));
      await nothingForeign(w, 'bl.clerk', '{ stampRequests { id documentTitle requestedByName } }', {}, foreign(w));
    },
  },
  'Query.documentSeal': {
    async run(w) {
      await nothingForeign(w, 'xa.clerk', 'query($d: ID!) { documentSeal(documentId: $d) { stamped sealId sealOrgName } }', { d: w.id.officeDoc }, foreign(w));
      await nothingForeign(w, 'bj.clerk', 'query($d: ID!) { documentSeal(documentId: $d) { stamped sealId } }', { d: w.id.xaDoc }, w.privateOf.xian);
    },
  },
  'Mutation.applyForSeal': {
    async run(w) {
      // An application is the applying unit's: 新城区's administrator does not see 碑林区's.
      const before = ok(await w.gql('xc.admin', '{ sealApplications { id } }'), 'sealApplications');
      const made = ok(await w.gql('bl.admin', 'mutation { applyForSeal(input: { statement: "碑林区申请", suite: "SM2" }) { id orgId } }'), 'applyForSeal');
      assert.equal(made.orgId, w.unit.beilin);
      assert.deepEqual(ok(await w.gql('xc.admin', '{ sealApplications { id } }'), 'sealApplications'), before);
    },
  },
  'Mutation.consentToSealApplication': {
    async run(w) {
      const q = 'mutation($id: ID!) { consentToSealApplication(id: $id) { id } }';
      await refusedUnchanged(w, 'bl.admin', q, { id: w.id.xcSealApplication }, readApplications());
      await refusedUnchanged(w, 'xa.leader', q, { id: w.id.xcSealApplication }, readApplications());
    },
  },
  'Mutation.decideSealApplication': {
    async run(w) {
      const q = 'mutation($id: ID!) { decideSealApplication(id: $id, approve: true) { id } }';
      await refusedUnchanged(w, 'bj.admin', q, { id: w.id.xcSealApplication }, readApplications());
      await refusedUnchanged(w, 'bl.admin', q, { id: w.id.xcSealApplication }, readApplications());
    },
  },
  'Mutation.makeSeal': {
    async run(w) {
      const q = 'mutation($a: ID!, $c: [ID!]!) { makeSeal(applicationId: $a, custodianIds: $c) { id } }';
      await refusedUnchanged(w, 'bj.admin', q, { a: w.id.xcSealApplication, c: [w.id.xcClerk, w.id.xcDrafter] }, readApplications());
    },
  },
  'Mutation.acceptSealCustody': {
    async run(w) {
      await refusedUnchanged(w, 'xa.admin', 'mutation($s: ID!) { acceptSealCustody(sealId: $s, pin: "123456") { id } }', { s: w.id.officeSeal }, readSeal(w), {
        codes: ['FORBIDDEN', 'NOT_FOUND', 'ILLEGAL_TRANSITION'],
      });
    },
  },
  'Mutation.changeCustodyPin': {
    async run(w) {
      // A custodian's own PIN: not another unit's administrator's, nor the office's administrator's, to change.
      const q = 'mutation($s: ID!) { changeCustodyPin(sealId: $s, currentPin: "135790", newPin: "864209") { id } }';
      await refusedUnchanged(w, 'xa.admin', q, { s: w.id.officeSeal }, readSeal(w), { codes: ['FORBIDDEN', 'NOT_FOUND'] });
      await refusedUnchanged(w, 'sxb.admin', q, { s: w.id.officeSeal }, readSeal(w));
    },
  },
  'Mutation.handOverSealCustody': {
    async run(w) {
      // A custodian's own custody: not another unit's administrator's, nor the office's administrator's or clerk's, to
      // hand over — not even to a person of their own unit — with the custodian's right PIN.
      const [own] = await w.p.superQuery<{ id: string }>("select id from org.users where username = 'xa.clerk'");
      const [office] = await w.p.superQuery<{ id: string }>("select id from org.users where username = 'sxb.clerk'");
      const q = 'mutation($s: ID!, $to: ID!) { handOverSealCustody(sealId: $s, currentPin: "135790", toUserId: $to, reason: "外单位交接") { id } }';
      await refusedUnchanged(w, 'xa.admin', q, { s: w.id.officeSeal, to: own?.id }, readSeal(w), { codes: ['FORBIDDEN', 'NOT_FOUND'] });
      for (const who of ['sxb.admin', 'sxb.clerk']) await refusedUnchanged(w, who, q, { s: w.id.officeSeal, to: office?.id }, readSeal(w));
    },
  },
  'Mutation.suspendSeal': {
    async run(w) {
      await refusedUnchanged(w, 'xa.admin', 'mutation($id: ID!) { suspendSeal(id: $id, reason: "外单位") { id } }', { id: w.id.officeSeal }, readSeal(w));
    },
  },
  'Mutation.resumeSeal': {
    async run(w) {
      await refusedUnchanged(w, 'xa.admin', 'mutation($id: ID!) { resumeSeal(id: $id) { id } }', { id: w.id.officeSeal }, readSeal(w), {
        codes: ['FORBIDDEN', 'NOT_FOUND'],
      });
    },
  },
  'Mutation.reportSealLost': {
    async run(w) {
      await refusedUnchanged(w, 'xa.admin', 'mutation($id: ID!) { reportSealLost(id: $id, note: "外单位") { id } }', { id: w.id.officeSeal }, readSeal(w));
      await refusedUnchanged(w, 'bl.admin', 'mutation($id: ID!) { reportSealLost(id: $id, note: "外单位") { id } }', { id: w.id.officeSeal }, readSeal(w));
    },
  },
  'Mutation.destroySeal': {
    async run(w) {
      const q = 'mutation($id: ID!) { destroySeal(id: $id, witnesses: [{ party: OWNING_UNIT, name: "甲", post: "乙" }]) { id } }';
      await refusedUnchanged(w, 'xa.admin', q, { id: w.id.officeSeal }, readSeal(w), { codes: ['FORBIDDEN', 'NOT_FOUND', 'BAD_INPUT'] });
    },
  },
  'Mutation.requestStamp': {
    async run(w) {
      await refusedUnchanged(w, 'xa.clerk', 'mutation($d: ID!) { requestStamp(documentId: $d) { id } }', { d: w.id.officeDoc }, readStampRequests());
    },
  },
  'Mutation.presentSealPin': {
    async run(w) {
      const q = 'mutation($r: ID!) { presentSealPin(requestId: $r, pin: "135790") { id } }';
      await refusedUnchanged(w, 'xa.admin', q, { r: w.id.officeStampRequest }, readStampRequests());
      await refusedUnchanged(w, 'sxb.clerk', q, { r: w.id.officeStampRequest }, readStampRequests());
    },
  },
  'Mutation.cancelStampRequest': {
    async run(w) {
      await refusedUnchanged(
        w,
        'xa.admin',
        'mutation($id: ID!) { cancelStampRequest(id: $id, reason: "外单位") { id } }',
        { id: w.id.officeStampRequest },
        readStampRequests(),
      );
    },
  },
};
