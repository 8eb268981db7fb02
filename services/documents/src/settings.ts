// The documents service's own settings (what only documents reads), from the environment.
import { int } from '@yizhan/common';

export interface DocumentsSettings {
  /** Upload limits (seed 003 §33: 20 MB per file, 500 KB per image). */
  files: { maxFileBytes: number; maxImageBytes: number; maxDocumentBytes: number };
  alerts: {
    /** An SMS gateway taking POST {mobile, text}; urgent alerts by SMS wait (and are retried) until one is set. */
    smsGatewayUrl: string | null;
    /** How often the dispatcher looks for alerts due. */
    dispatchIntervalMs: number;
    /** How often deliveries are checked for becoming overdue. */
    overdueCheckMs: number;
  };
  /** A live board sends at most one update per this many milliseconds. */
  boardIntervalMs: number;
}

export function loadDocumentsSettings(): DocumentsSettings {
  return {
    files: {
      maxFileBytes: int('YIZHAN_MAX_FILE_KB', 20 * 1024) * 1024,
      maxImageBytes: int('YIZHAN_MAX_IMAGE_KB', 500) * 1024,
      maxDocumentBytes: int('YIZHAN_MAX_DOCUMENT_KB', 50 * 1024) * 1024,
    },
    alerts: {
      smsGatewayUrl: process.env.YIZHAN_SMS_GATEWAY_URL || null,
      dispatchIntervalMs: int('YIZHAN_ALERT_INTERVAL_MS', 1000),
      overdueCheckMs: int('YIZHAN_OVERDUE_CHECK_MS', 60_000),
    },
    boardIntervalMs: int('YIZHAN_BOARD_INTERVAL_MS', 250),
  };
}
