// Wrong-tenant cases of the certificates subgraph: one per root field. The other unit is 新城区 (its drafter's
// certificate, its clerk's application waiting for the head); the wrong unit 碑林区, and 西安市 above it.
import assert from 'node:assert/strict';
import { ok } from '../support/harness.ts';
import { type Cases, nothingForeign, refused, refusedUnchanged, type World } from './support.ts';

const xc = (w: World) => w.privateOf.xincheng;
const readCert = (w: World) => ({
  as: 'xc.drafter',
  query: 'query($id: ID) { certificate(id: $id) { id status revokedAt } }',
  variables: { id: w.id.xcCertificate },
});
const readApplications = () => ({ as: 'xc.leader', query: '{ certificateApplications { id status } }' });

export const certificatesCases: Cases = {
  'Mutation.requestTimestamp': {
    public:
      'a trusted time stamp over a digest the caller brings (as any RFC 3161 service gives one); it reads and writes nothing of any unit, and its token names only the platform’s TSA',
    async run(w) {
      const r = ok(
        await w.gql('bl.clerk', 'mutation($d: String!) { requestTimestamp(hashAlgorithm: SM3, digest: $d) { suite policy } }', { d: 'ab'.repeat(32) }),
        'requestTimestamp',
      );
      assert.equal(r.suite, 'SM2');
      await nothingForeign(
        w,
        'bl.clerk',
        'mutation($d: String!) { requestTimestamp(hashAlgorithm: SHA256, digest: $d) { serial policy genTime } }',
        { d: 'cd'.repeat(32) },
        xc(w),
      );
    },
  },
  'Query.caCertificates': {
    public: 'the CA’s own certificates are published to every signed-in unit, so that it can verify a signature or a stamp',
    async run(w) {
      assert.ok(ok<unknown[]>(await w.gql('bl.clerk', '{ caCertificates { suite role pem } }'), 'caCertificates').length > 0);
      await nothingForeign(w, 'bl.clerk', '{ caCertificates { suite role subject } }', {}, xc(w));
    },
  },
  'Query.crl': {
    public: 'the revocation list is published for every verifier; it lists serial numbers, nothing of a unit',
    async run(w) {
      await nothingForeign(w, 'bl.clerk', '{ crl(suite: SM2) { pem } }', {}, xc(w));
    },
  },
  'Query.certificate': {
    async run(w) {
      const q = 'query($id: ID) { certificate(id: $id) { id holderUsername holderName orgId pem } }';
      // A certificate is read across units (verifying a signature needs it); its holder's account name is not.
      for (const user of ['bl.clerk', 'bj.admin']) {
        const r = await nothingForeign(w, user, q, { id: w.id.xcCertificate }, [...xc(w), 'xc.drafter']);
        assert.equal((r.data?.certificate as { holderUsername?: string | null } | null)?.holderUsername ?? null, null, `${user} sees no account name`);
      }
      const above = ok<{ holderUsername: string }>(await w.gql('xa.admin', q, { id: w.id.xcCertificate }), 'certificate');
      assert.equal(above.holderUsername, 'xc.drafter', 'the unit above sees whose account holds it');
    },
  },
  'Query.myCertificates': {
    async run(w) {
      await nothingForeign(w, 'bl.clerk', '{ myCertificates { id holderUsername } }', {}, xc(w));
    },
  },
  'Query.certificates': {
    async run(w) {
      await nothingForeign(w, 'bl.admin', 'query($o: ID!) { certificates(orgId: $o) { id holderUsername } }', { o: w.unit.xincheng }, xc(w));
    },
  },
  'Query.certificateStatus': {
    public: 'a certificate’s status at a moment is what any verifier asks (as of OCSP); it says valid, suspended or revoked, nothing of the unit',
    async run(w) {
      const r = ok(await w.gql('bl.clerk', 'query($id: ID!) { certificateStatus(id: $id) { status } }', { id: w.id.xcCertificate }), 'certificateStatus');
      assert.ok(r.status);
      await nothingForeign(
        w,
        'bl.clerk',
        'query($id: ID!) { certificateStatus(id: $id) { status } }',
        { id: w.id.xcCertificate },
        xc(w).filter((f) => f !== w.id.xcCertificate),
      );
    },
  },
  'Query.certificateApplications': {
    async run(w) {
      await nothingForeign(w, 'bl.admin', '{ certificateApplications { id applicantName orgId } }', {}, xc(w));
      await nothingForeign(w, 'bl.clerk', '{ certificateApplications { id applicantName orgId } }', {}, xc(w));
    },
  },
  'Mutation.applyForCertificate': {
    async run(w) {
      // An application is the applicant's unit's: 新城区's head does not see 碑林区's.
      const before = ok(await w.gql('xc.leader', '{ certificateApplications { id } }'), 'certificateApplications');
      const made = ok(
        await w.gql('bl.clerk', 'mutation { applyForCertificate(input: { usage: SIGNING, suite: RSA, serverKey: true }) { id orgId } }'),
        'applyForCertificate',
      );
      assert.equal(made.orgId, w.unit.beilin);
      assert.deepEqual(ok(await w.gql('xc.leader', '{ certificateApplications { id } }'), 'certificateApplications'), before);
    },
  },
  'Mutation.renewCertificate': {
    async run(w) {
      const q = 'mutation($id: ID!) { renewCertificate(id: $id, reason: RENEW, serverKey: true) { id } }';
      await refusedUnchanged(w, 'bl.clerk', q, { id: w.id.xcCertificate }, readApplications());
    },
  },
  'Mutation.decideCertificateApplication': {
    async run(w) {
      const q = 'mutation($id: ID!) { decideCertificateApplication(id: $id, approve: true) { id } }';
      await refusedUnchanged(w, 'bl.admin', q, { id: w.id.xcCertificateApplication }, readApplications());
      await refusedUnchanged(w, 'xc.clerk', q, { id: w.id.xcCertificateApplication }, readApplications());
    },
  },
  'Mutation.collectCertificateKey': {
    async run(w) {
      const q = 'mutation($id: ID!) { collectCertificateKey(applicationId: $id, password: "Wrong#2026key") { pkcs12 } }';
      await refusedUnchanged(w, 'bl.clerk', q, { id: w.id.xcCertificateApplication }, readApplications(), {
        codes: ['FORBIDDEN', 'NOT_FOUND', 'ILLEGAL_TRANSITION'],
      });
    },
  },
  'Mutation.suspendCertificate': {
    async run(w) {
      await refusedUnchanged(
        w,
        'bl.admin',
        'mutation($id: ID!) { suspendCertificate(id: $id, reason: "外单位") { id } }',
        { id: w.id.xcCertificate },
        readCert(w),
      );
    },
  },
  'Mutation.resumeCertificate': {
    async run(w) {
      await refusedUnchanged(w, 'bl.admin', 'mutation($id: ID!) { resumeCertificate(id: $id) { id } }', { id: w.id.xcCertificate }, readCert(w), {
        codes: ['FORBIDDEN', 'NOT_FOUND'],
      });
    },
  },
  'Mutation.rekeyUnitSigningKey': {
    async run(w) {
      // The caller's own unit's key only: no argument names another unit. A clerk may not; 碑林区's administrator
      // re-keys 碑林区 and leaves 新城区's key (and every other unit's) as it was.
      const keys = () =>
        w.p.superQuery<{ org_id: string; certificate_id: string }>('select org_id, certificate_id from certificates.unit_keys order by org_id, suite');
      const before = await keys();
      await refused(w, 'bl.clerk', 'mutation { rekeyUnitSigningKey { id } }', {}, { codes: ['FORBIDDEN'] });
      assert.deepEqual(await keys(), before, 'a clerk changed no key');
      const made = ok(await w.gql('bl.admin', 'mutation { rekeyUnitSigningKey { id orgId usage } }'), 'rekeyUnitSigningKey');
      assert.deepEqual([made.orgId, made.usage], [w.unit.beilin, 'SIGNING']);
      const after = await keys();
      assert.deepEqual(
        after.filter((k) => k.org_id !== w.unit.beilin),
        before.filter((k) => k.org_id !== w.unit.beilin),
        'no other unit’s key changed',
      );
      assert.equal(after.find((k) => k.org_id === w.unit.beilin)?.certificate_id, made.id);
    },
  },
  'Mutation.revokeCertificate': {
    async run(w) {
      await refusedUnchanged(
        w,
        'bl.admin',
        'mutation($id: ID!) { revokeCertificate(id: $id, reason: KEY_COMPROMISE) { id } }',
        { id: w.id.xcCertificate },
        readCert(w),
      );
    },
  },
  'Mutation.applyToCancelCertificate': {
    async run(w) {
      // Another unit's administrator, and in 新城区 a clerk who neither holds it nor administers the unit: refused,
      // no application made.
      const q = 'mutation($id: ID!) { applyToCancelCertificate(id: $id, reason: CESSATION_OF_OPERATION) { id } }';
      await refusedUnchanged(w, 'bl.admin', q, { id: w.id.xcCertificate }, readApplications());
      await refusedUnchanged(w, 'xc.clerk', q, { id: w.id.xcCertificate }, readApplications());
    },
  },
  'Mutation.certificateLoginChallenge': {
    public: 'the first step of a certificate login, before there is a session: a random challenge, the same for a name that does not exist',
    async run(w) {
      const known = ok(await w.p.gql('mutation { certificateLoginChallenge(username: "xc.clerk") { id challenge } }'), 'certificateLoginChallenge');
      const unknown = await w.p.gql('mutation { certificateLoginChallenge(username: "nobody.at.all") { id challenge } }');
      assert.equal(typeof known.challenge, 'string');
      assert.deepEqual(Object.keys(unknown.data?.certificateLoginChallenge ?? {}), Object.keys(known), 'an unknown name is answered alike');
      await nothingForeign(w, 'bl.clerk', 'mutation { certificateLoginChallenge(username: "xc.clerk") { id challenge } }', {}, xc(w));
    },
  },
  'Query.certificateExpiry': {
    async run(w) {
      // The operators' view of every unit's certificates: the top unit's administrators only. A city's or a county's
      // administrator (the wrong tenant for the platform's figures) and a clerk are refused, naming nothing of 新城区.
      const q = 'query { certificateExpiry(withinDays: 3660) { certificates { id holderName } crls { suite } } }';
      for (const who of ['xa.admin', 'xc.admin', 'bj.admin', 'xc.clerk']) await refused(w, who, q, {}, { foreign: [w.id.xcCertificate] });
    },
  },
};
