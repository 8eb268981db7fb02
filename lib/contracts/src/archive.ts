// The archive's contract: its internal API (archive a unit's copy now). Other services import this file only.
import { defineInternalApi } from '@yizhan/common';
import { z } from 'zod';

export const archiveApi = defineInternalApi('archive', {
  ingest: {
    summary: 'Archive the caller’s unit’s copy of a sent document now (its recipient closed the delivery: 办结).',
    input: z.object({ documentId: z.string() }),
    output: z.object({ recordId: z.string(), archivalNumber: z.string(), status: z.string() }),
  },
});
