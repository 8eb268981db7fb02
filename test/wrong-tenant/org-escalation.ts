// Wrong-tenant cases of the org subgraph's 自动催办规则 (issue 16). The other unit is 新城区 (610102): its sibling
// 碑林区's administrator neither reads nor sets its rules, nor does 宝鸡市's (another city); 新城区's own drafter (the
// wrong role) reads none and its clerk sets none. Each refusal changes nothing.
import { type Cases, refused, refusedUnchanged, type World } from './support.ts';

const readRules = (w: World) => ({
  as: 'xc.admin',
  query: 'query($o: ID) { escalationRules(orgId: $o) { own sourceOrgId steps { afterMinutes to channels } } }',
  variables: { o: w.unit.xincheng },
});

export const orgEscalationCases: Cases = {
  'Query.escalationRules': {
    async run(w) {
      const q = 'query($o: ID) { escalationRules(orgId: $o) { orgName own sourceOrgName steps { afterMinutes to channels } } }';
      for (const who of ['bl.admin', 'bj.admin']) await refused(w, who, q, { o: w.unit.xincheng }, { foreign: w.privateOf.xincheng });
      await refused(w, 'xc.drafter', q, {}, { foreign: w.privateOf.xincheng });
    },
  },
  'Mutation.setEscalationRules': {
    async run(w) {
      const q = 'mutation($o: ID!, $s: [EscalationStepInput!]) { setEscalationRules(orgId: $o, steps: $s) { own } }';
      const steps = [{ afterMinutes: 5, to: 'LEADERS', channels: ['SMS'] }];
      for (const who of ['bl.admin', 'bj.admin', 'xc.clerk']) {
        await refusedUnchanged(w, who, q, { o: w.unit.xincheng, s: steps }, readRules(w), { foreign: w.privateOf.xincheng });
        await refusedUnchanged(w, who, q, { o: w.unit.xincheng, s: null }, readRules(w), { foreign: w.privateOf.xincheng });
      }
    },
  },
};
