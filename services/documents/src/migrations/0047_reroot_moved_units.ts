import { loadConfig } from '@yizhan/common';
import { REROOT_ALLOWED, rerootFunctionSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/**
 * A unit moved under another superior (org's `org.moved`) takes its rows here with it: `documents.reroot_unit` moves
 * every path of the unit and of those below it (kernel db/reroot.ts), run by this service's follower of org's events.
 * Before it, a moved unit found nothing of its own here — its inbox, its drafts, its register — and its sender's board
 * named it under the superior it had left. Kept as they are: the outbox (events as published) and the kept counts,
 * which follow the deliveries' paths by their own triggers (migration 0034). The append-only tables (the evidence
 * chain, receipts, time-stamped evidence, signed approvals) let a row's paths, and nothing else, change while it runs.
 */
export class RerootMovedUnits extends Migration {
  override up(): void {
    const guard = (fn: string, words: string) =>
      `CREATE OR REPLACE FUNCTION documents.${fn}() RETURNS trigger LANGUAGE plpgsql AS $f$
        BEGIN
          ${REROOT_ALLOWED}
          RAISE EXCEPTION '${words}: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END
      $f$`;
    this.addSql(guard('delivery_evidence_is_append_only', 'the delivery evidence log is append-only'));
    this.addSql(guard('receipts_are_kept', 'receipts are kept as signed'));
    this.addSql(guard('evidence_is_kept', 'time-stamped evidence is kept as written'));
    for (const s of rerootFunctionSql('documents', {
      keep: ['outbox', 'inbox_totals', 'inbox_totals_pending', 'board_figures', 'board_figures_pending'],
      appRole: loadConfig().appRole.name,
    }))
      this.addSql(s);
  }
}
