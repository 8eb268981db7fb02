// Wrong-tenant cases of 纸质补录 (issue 20): 新城区's clerk records a document received on paper. Another city's
// clerk and a sibling county list none of it, and their own records change nothing of 新城区's; roles that are not
// the clerk's (a drafter, the administrator) record nothing, and a drafter does not read the list.
import { type Cases, nothingForeign, refused, refusedUnchanged, unchanged, type World } from './support.ts';

const MARK = 'WT新城区纸质补录';
const RECORD = 'mutation($i: PaperRecordInput!) { recordPaperDocument(input: $i) { id title intakeNumber } }';
const LIST = '{ paperRecords { id title counterpartName intakeNumber } }';
const input = (title: string) => ({
  i: {
    direction: 'RECEIVED',
    counterpartName: '西安市人民政府',
    docNumber: '市政发〔2026〕99号',
    title,
    paperAt: new Date(Date.now() - 3600_000).toISOString(),
  },
});
const readBack = { as: 'xc.clerk', query: LIST };

/** 新城区's paper record, made once; its id joins what no other unit may see. */
let made: Promise<string> | null = null;
function xinchengRecord(w: World): Promise<string> {
  made ??= (async () => {
    const r = await w.gql('xc.clerk', RECORD, input(MARK));
    const id = r.data?.recordPaperDocument?.id as string;
    if (!id) throw new Error(`新城区's paper record: ${JSON.stringify(r.errors)}`);
    return id;
  })();
  return made;
}

export const documentsPaperCases: Cases = {
  'Mutation.recordPaperDocument': {
    async run(w) {
      const id = await xinchengRecord(w);
      // Not the clerk: refused, nothing written.
      for (const who of ['xc.drafter', 'xc.admin']) await refusedUnchanged(w, who, RECORD, input('WT越权补录'), readBack, { foreign: [id] });
      // Another unit's clerk records into its own register only: 新城区's list is as it was.
      await unchanged(w, readBack, () => w.gql('bj.clerk', RECORD, input('WT宝鸡市自己的补录')));
    },
  },
  'Query.paperRecords': {
    async run(w) {
      const id = await xinchengRecord(w);
      for (const who of ['bj.clerk', 'bl.clerk', 'xa.clerk', 'bj.admin']) await nothingForeign(w, who, LIST, {}, [id, MARK]);
      await refused(w, 'xc.drafter', LIST, {}, { foreign: [id, MARK] });
    },
  },
};
