// Wrong-tenant cases of the archive subgraph: one per root field. The other unit is 西安市: its archivist archived its
// sent notice, its clerk asked to consult it, and a disposal (extension) is proposed; the wrong unit is 宝鸡市.
import assert from 'node:assert/strict';
import { strFromU8, unzipSync } from 'fflate';
import { ok } from '../support/harness.ts';
import { type Cases, nothingForeign, refused, refusedUnchanged, unchanged, type World } from './support.ts';

const xa = (w: World) => [...w.privateOf.xian, ...w.privateOf.xincheng];
const RECORD = 'id status hold holdReason retention retentionUntil metadataVersion title';
const readRecord = (w: World) => ({ as: 'xa.archivist', query: `query($id: ID!) { archiveRecord(id: $id) { ${RECORD} } }`, variables: { id: w.id.xaRecord } });
const readRecords = () => ({ as: 'xa.archivist', query: `{ archiveRecords { ${RECORD} } }` });
const readAccess = () => ({ as: 'xa.archivist', query: '{ archiveAccessRequests { id status decidedByName decisionNote expiresAt } }' });
const readDisposals = () => ({ as: 'xa.archivist', query: '{ disposals { id status decidedByName } }' });
/**
 * A fonds named that the caller's unit does not keep (西安市's own, named by the office's archivist, a unit that keeps
 * only its own): refused as not found, whatever the field (代管全宗 is granted by custody alone, never by hierarchy).
 */
const notKept = (w: World, query: string, variables: Record<string, unknown> = {}) =>
  refused(w, 'sxb.archivist', query, { ...variables, f: w.unit.xian }, { codes: ['NOT_FOUND'], foreign: xa(w) });

export const archiveCases: Cases = {
  'Query.archiveAccessRequests': {
    async run(w) {
      await nothingForeign(w, 'bj.admin', '{ archiveAccessRequests { id recordId title purpose } }', {}, xa(w));
      await notKept(w, 'query($f: ID) { archiveAccessRequests(fondsId: $f) { id title } }');
    },
  },
  'Query.readArchivedRecord': {
    async run(w) {
      await refused(w, 'bj.clerk', 'query($r: ID!) { readArchivedRecord(recordId: $r) { body } }', { r: w.id.xaRecord }, { foreign: xa(w) });
    },
  },
  'Query.downloadArchivedFile': {
    async run(w) {
      await refused(
        w,
        'bj.clerk',
        'query($r: ID!, $s: String!) { downloadArchivedFile(recordId: $r, sha256: $s) }',
        { r: w.id.xaRecord, s: w.id.xaRecordFile },
        { foreign: xa(w) },
      );
    },
  },
  'Query.archiveAccessLog': {
    async run(w) {
      await nothingForeign(
        w,
        'bj.admin',
        'query($r: ID!) { archiveAccessLog(recordId: $r) { userName action purpose approvedByName } }',
        { r: w.id.xaRecord },
        xa(w),
      );
    },
  },
  'Query.archivalQueue': {
    async run(w) {
      await nothingForeign(w, 'bj.admin', '{ archivalQueue { documentId title } }', {}, xa(w));
    },
  },
  'Query.archiveRecords': {
    async run(w) {
      await nothingForeign(w, 'bj.admin', '{ archiveRecords { id title } }', {}, xa(w));
      await nothingForeign(w, 'bj.clerk', '{ archiveRecords(search: "WT") { id title } }', {}, xa(w));
      // Its words, its 主送 (新城区) and its filters, as 西安市's archivist would find its notice: nothing of it elsewhere.
      await nothingForeign(w, 'bj.admin', '{ archiveRecords(search: "WT西安市私有 新城区", retention: "Y30", docType: "通知") { id title } }', {}, xa(w));
      await notKept(w, 'query($f: ID) { archiveRecords(fondsId: $f) { id title } }');
      await notKept(w, 'query($f: ID) { archiveRecords(fondsId: $f, search: "WT西安市私有", docType: "通知") { id title } }');
    },
  },
  'Query.archiveFondsNumber': {
    async run(w) {
      // 西安市's 全宗号 is read by its own people only: not by a unit beside it, nor by the province's office.
      ok(await w.gql('xa.archivist', 'mutation { setArchiveFondsNumber(fondsNumber: "WTXA0101") { fondsNumber } }'), 'setArchiveFondsNumber');
      for (const who of ['bj.admin', 'sxb.archivist'])
        await nothingForeign(w, who, '{ archiveFondsNumber { fondsNumber unitCode inUse example setByName setAt } }', {}, [...xa(w), 'WTXA0101', '郭丽娟']);
    },
  },
  'Mutation.setArchiveFondsNumber': {
    async run(w) {
      const q = 'mutation($n: String!) { setArchiveFondsNumber(fondsNumber: $n) { fondsNumber inUse } }';
      const back = { as: 'xa.archivist', query: '{ archiveFondsNumber { fondsNumber inUse setByName setAt } }' };
      // Another unit's administrator or archivist sets its own unit's 全宗号 (the mutation names no other): 西安市's stays.
      for (const [who, n] of [
        ['bj.admin', 'WTBJ0301'],
        ['sxb.archivist', 'WTSXB01'],
      ])
        await unchanged(w, back, async () => {
          const r = await w.gql(who as string, q, { n });
          assert.ok(r.status < 500);
          assert.notEqual(r.data?.setArchiveFondsNumber?.inUse, undefined, `${who} sets its own unit's`);
        });
      // 西安市's clerk and leader are neither its archivist nor its administrator.
      for (const who of ['xa.clerk', 'xa.leader']) await refusedUnchanged(w, who, q, { n: 'WTXA9999' }, back);
    },
  },
  'Query.archiveFonds': {
    async run(w) {
      // Its own fonds only: nothing of 西安市's, not even that it exists.
      await nothingForeign(w, 'bj.admin', '{ archiveFonds { own closedAs records unit { id name } } }', {}, [...xa(w), w.unit.xian, w.unit.xincheng]);
    },
  },
  'Query.archiveRecord': {
    async run(w) {
      await refused(
        w,
        'bj.admin',
        'query($id: ID!) { archiveRecord(id: $id) { id title relatedRecords { title recordId } } }',
        { id: w.id.xaRecord },
        { foreign: xa(w) },
      );
    },
  },
  'Query.archiveMetadataVersions': {
    async run(w) {
      await refused(w, 'bj.admin', 'query($id: ID!) { archiveMetadataVersions(id: $id) }', { id: w.id.xaRecord }, { foreign: xa(w) });
    },
  },
  'Query.archiveStatistics': {
    async run(w) {
      const year = new Date().getFullYear();
      const stats = await nothingForeign(w, 'bj.admin', 'query($y: Int!) { archiveStatistics(year: $y) { records ingests } }', { y: year }, xa(w));
      if (stats.data?.archiveStatistics) assert.equal(stats.data.archiveStatistics.records, 0, '宝鸡市 has archived nothing: 西安市’s records are not counted');
      await notKept(w, 'query($y: Int!, $f: ID) { archiveStatistics(year: $y, fondsId: $f) { records } }', { y: year });
    },
  },
  'Query.archiveEvidenceChain': {
    async run(w) {
      await nothingForeign(w, 'bj.admin', '{ archiveEvidenceChain { length whole brokenAt } }', {}, xa(w));
      await notKept(w, 'query($f: ID) { archiveEvidenceChain(fondsId: $f) { length } }');
    },
  },
  'Query.appraisalDue': {
    async run(w) {
      await nothingForeign(w, 'bj.admin', '{ appraisalDue(asOf: "2100-01-01T00:00:00Z") { id title } }', {}, xa(w));
      await notKept(w, 'query($f: ID) { appraisalDue(asOf: "2100-01-01T00:00:00Z", fondsId: $f) { id title } }');
    },
  },
  'Query.disposals': {
    async run(w) {
      await nothingForeign(w, 'bj.admin', '{ disposals { id recordId reason } }', {}, xa(w));
      await notKept(w, 'query($f: ID) { disposals(fondsId: $f) { id reason } }');
    },
  },
  'Mutation.requestArchiveAccess': {
    async run(w) {
      await refusedUnchanged(
        w,
        'bj.clerk',
        'mutation($r: ID!) { requestArchiveAccess(recordId: $r, purpose: "外单位") { id } }',
        { r: w.id.xaRecord },
        readAccess(),
      );
    },
  },
  'Mutation.decideArchiveAccess': {
    async run(w) {
      const q = 'mutation($id: ID!) { decideArchiveAccess(id: $id, approve: true) { id } }';
      await refusedUnchanged(w, 'bj.admin', q, { id: w.id.xaAccess }, readAccess());
      await refusedUnchanged(w, 'xa.clerk', q, { id: w.id.xaAccess }, readAccess());
      // Heads decide their own unit's requests only: not a county's below 西安, not the province office's.
      await refusedUnchanged(w, 'xc.leader', q, { id: w.id.xaAccess }, readAccess());
      await refusedUnchanged(w, 'sxb.leader', q, { id: w.id.xaAccess }, readAccess());
      // A refusal, reason given, from another unit: not its to refuse either.
      const refuse = 'mutation($id: ID!) { decideArchiveAccess(id: $id, approve: false, reason: "不予调阅") { id decisionNote } }';
      for (const who of ['bj.admin', 'xc.leader', 'sxb.leader']) await refusedUnchanged(w, who, refuse, { id: w.id.xaAccess }, readAccess());
    },
  },
  'Mutation.archiveDocument': {
    async run(w) {
      await refusedUnchanged(w, 'bj.admin', 'mutation($d: ID!) { archiveDocument(documentId: $d) { id } }', { d: w.id.xaDoc }, readRecords());
    },
  },
  'Mutation.archiveInformation': {
    async run(w) {
      // A 信息 西安市 published: neither a unit beside it nor its archive's superior files it, nor anyone not an archivist.
      const id = ok<{ id: string }>(
        await w.gql('xa.drafter', 'mutation($in: InformationInput!) { submitInformation(input: $in) { id } }', {
          in: { column: 'NOTICES', title: 'WT西安市私有信息', body: 'WT西安市私有信息正文', audience: 'UNIT' },
        }),
        'submitInformation',
      ).id;
      ok(await w.gql('xa.leader', 'mutation($id: ID!) { approveInformation(id: $id) { id } }', { id }), 'approveInformation');
      const q = 'mutation($i: ID!) { archiveInformation(informationId: $i) { id archivalNumber } }';
      for (const who of ['bj.admin', 'sxb.archivist', 'xa.clerk'])
        await refusedUnchanged(w, who, q, { i: id }, readRecords(), { foreign: [...xa(w), 'WT西安市私有信息'] });
    },
  },
  'Mutation.checkArchiveRecord': {
    async run(w) {
      await refusedUnchanged(w, 'bj.admin', 'mutation($id: ID!) { checkArchiveRecord(id: $id) { id } }', { id: w.id.xaRecord }, readRecord(w));
    },
  },
  'Mutation.correctArchiveMetadata': {
    async run(w) {
      const q = 'mutation($id: ID!, $c: JSON!) { correctArchiveMetadata(id: $id, changes: $c, reason: "外单位") { id } }';
      await refusedUnchanged(w, 'bj.admin', q, { id: w.id.xaRecord, c: { title: '改写' } }, readRecord(w));
      // The record's own unit, not its archivist: a clerk corrects nothing.
      await refusedUnchanged(w, 'xa.clerk', q, { id: w.id.xaRecord, c: { title: '改写' } }, readRecord(w));
    },
  },
  'Mutation.setArchiveHold': {
    async run(w) {
      await refusedUnchanged(
        w,
        'bj.admin',
        'mutation($id: ID!) { setArchiveHold(id: $id, hold: true, reason: "外单位") { id } }',
        { id: w.id.xaRecord },
        readRecord(w),
      );
    },
  },
  'Query.retentionTable': {
    async run(w) {
      // 西安市's own line of its table is not 宝鸡市's: each unit reads its own table only.
      const own = ok<boolean>(
        await w.gql('xa.archivist', 'mutation { setRetentionRule(docType: "WT西安专用文种", retention: "PERMANENT") }'),
        'setRetentionRule',
      );
      assert.equal(own, true);
      const mine = ok<{ docType: string; own: boolean }[]>(await w.gql('xa.archivist', '{ retentionTable { docType retention own } }'), 'retentionTable');
      assert.ok(
        mine.some((r) => r.docType === 'WT西安专用文种' && r.own),
        '西安市 reads its own line',
      );
      await nothingForeign(w, 'bj.admin', '{ retentionTable { docType retention own } }', {}, ['WT西安专用文种']);
    },
  },
  'Mutation.setRetentionRule': {
    async run(w) {
      // 宝鸡市's rule, if its administrator may set one, is its own: 西安市's records keep their retention.
      await unchanged(w, readRecord(w), async () => {
        const r = await w.gql('bj.admin', 'mutation { setRetentionRule(docType: "通知", retention: "Y10") }');
        assert.ok(r.status < 500);
      });
      await refused(w, 'xa.clerk', 'mutation { setRetentionRule(docType: "通知", retention: "Y10") }', {});
    },
  },
  'Mutation.proposeDisposal': {
    async run(w) {
      const q = 'mutation($r: ID!) { proposeDisposal(recordId: $r, decision: "DESTROY", reason: "外单位") { id } }';
      await refusedUnchanged(w, 'bj.admin', q, { r: w.id.xaRecord }, readDisposals());
    },
  },
  'Mutation.decideDisposal': {
    async run(w) {
      await refusedUnchanged(w, 'bj.admin', 'mutation($id: ID!) { decideDisposal(id: $id, approve: true) { id } }', { id: w.id.xaDisposal }, readDisposals());
    },
  },
  'Mutation.exportArchiveRecord': {
    async run(w) {
      await refused(w, 'bj.admin', 'mutation($id: ID!) { exportArchiveRecord(id: $id) { base64 } }', { id: w.id.xaRecord }, { foreign: xa(w) });
    },
  },
  'Mutation.exportArchiveYear': {
    async run(w) {
      const r = await nothingForeign(
        w,
        'bj.admin',
        'mutation($y: Int!) { exportArchiveYear(year: $y) { filename base64 } }',
        { y: new Date().getFullYear() },
        xa(w),
        ['FORBIDDEN', 'NOT_FOUND', 'BAD_INPUT'],
      );
      await notKept(w, 'mutation($y: Int!, $f: ID) { exportArchiveYear(year: $y, fondsId: $f) { filename base64 } }', { y: new Date().getFullYear() });
      const zip = r.data?.exportArchiveYear?.base64;
      if (zip) {
        const text = Object.values(unzipSync(Buffer.from(zip, 'base64')))
          .map((f) => strFromU8(f, true))
          .join('\n');
        assert.deepEqual(
          xa(w).filter((f) => text.includes(f)),
          [],
          'the package holds nothing of 西安市',
        );
      }
    },
  },
  'Mutation.importArchivePackage': {
    async run(w) {
      // 西安市's own package, imported by 宝鸡市: whatever 宝鸡市 gets is its own copy; 西安市's records are untouched.
      const pkg = ok(
        await w.gql('xa.archivist', 'mutation($id: ID!) { exportArchiveRecord(id: $id) { base64 } }', { id: w.id.xaRecord }),
        'exportArchiveRecord',
      );
      await unchanged(w, readRecords(), async () => {
        const r = await w.gql('bj.admin', 'mutation($p: String!) { importArchivePackage(package: $p) { id orgId } }', { p: pkg.base64 });
        assert.ok(r.status < 500);
        if (r.data?.importArchivePackage) assert.equal(r.data.importArchivePackage.orgId, w.unit.baoji);
      });
    },
  },
  'Mutation.importArchiveYear': {
    async run(w) {
      const pkg = ok(
        await w.gql('xa.archivist', 'mutation($y: Int!) { exportArchiveYear(year: $y) { base64 } }', { y: new Date().getFullYear() }),
        'exportArchiveYear',
      );
      await unchanged(w, readRecords(), async () => {
        const r = await w.gql('bj.admin', 'mutation($p: String!) { importArchiveYear(package: $p) { id orgId } }', { p: pkg.base64 });
        assert.ok(r.status < 500);
        for (const rec of r.data?.importArchiveYear ?? []) assert.equal(rec.orgId, w.unit.baoji);
      });
    },
  },
};
