// The archive's contract: its internal API (archive a unit's copy now) and its error codes. Other services import
// this file only.
import { defineInternalApi } from '@yizhan/common';
import { z } from 'zod';

export const ArchiveErrorCode = {
  /** 更正元数据: the record has no such element — a 信息 has no 文号, 签发人, 主送 … and its 文种 is always 信息
   * (`elements` names them). */
  NOT_AN_ELEMENT_OF_RECORD: 'NOT_AN_ELEMENT_OF_RECORD',
} as const;

export const archiveApi = defineInternalApi('archive', {
  ingest: {
    summary: 'Archive the caller’s unit’s copy of a sent document now (its recipient closed the delivery: 办结).',
    input: z.object({ documentId: z.string() }),
    output: z.object({ recordId: z.string(), archivalNumber: z.string(), status: z.string() }),
  },
});
