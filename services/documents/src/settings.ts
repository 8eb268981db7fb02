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
    /** How often the automatic 催办 steps due are taken (自动催办, jobs/escalation.ts). */
    escalationCheckMs: number;
    /** A failing alert is given up (FAILED) after this many attempts … */
    maxAttempts: number;
    /** … or this many hours after it was queued, whichever comes first. */
    giveUpAfterHours: number;
    /**
     * TEST ONLY: post webhooks to loopback and private addresses (a local test server). Honoured only when NODE_ENV
     * is `test` and YIZHAN_ALLOW_PRIVATE_WEBHOOKS is `1`; never set it in production.
     */
    allowPrivateWebhooks: boolean;
  };
  /**
   * A live board sends at most one update per this many milliseconds. A reading is a few kept rows (0039), so eight a
   * second keep a board within 250 ms of a 签收 under a storm (bench/README "A province at work, live").
   */
  boardIntervalMs: number;
  /**
   * Evidence (issue 17): the delivery events are linked into their units' chains, and receipts and chain heads are
   * time-stamped, in batches — when this many items wait, or the oldest has waited this long.
   */
  evidence: { batchItems: number; batchMs: number };
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
      escalationCheckMs: int('YIZHAN_ESCALATION_CHECK_MS', 60_000),
      maxAttempts: int('YIZHAN_ALERT_MAX_ATTEMPTS', 30),
      giveUpAfterHours: int('YIZHAN_ALERT_GIVE_UP_HOURS', 24),
      allowPrivateWebhooks: process.env.NODE_ENV === 'test' && process.env.YIZHAN_ALLOW_PRIVATE_WEBHOOKS === '1',
    },
    boardIntervalMs: int('YIZHAN_BOARD_INTERVAL_MS', 125),
    evidence: { batchItems: int('YIZHAN_EVIDENCE_BATCH_ITEMS', 1000), batchMs: int('YIZHAN_EVIDENCE_BATCH_MS', 10_000) },
  };
}
