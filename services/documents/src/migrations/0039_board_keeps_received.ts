import { Migration } from '@yizhan/kernel/migration';
import { BOARD_FIGURES_0034, keptCountsFunctions } from './kept-counts-sql.ts';

/**
 * A board keeps 已接收 too: its live deliveries opened (or signed for, which opens them). The live board
 * (`deliveryBoard`) counted a document's deliveries for it at every reading — 10,000 rows under row-level security,
 * four times a second during a storm of 签收 — and now reads the kept figures as the dashboard's board does. The
 * figure it had was not among them: "not received" is kept only among the deliveries still waiting, and a delivery
 * returned unopened is neither. The triggers, the fold and the recount are redefined with the new figure, and
 * everything is counted again.
 */
export class BoardKeepsReceived extends Migration {
  override up(): void {
    const { queueAdded, queueRemoved, queueChanged, fold, recount } = keptCountsFunctions([...BOARD_FIGURES_0034, 'received']);
    for (const s of [
      ...['board_figures', 'board_figures_pending'].flatMap((t) => [
        `ALTER TABLE documents.${t} ADD COLUMN received bigint NOT NULL DEFAULT 0`,
        `ALTER TABLE documents.${t} ALTER COLUMN received DROP DEFAULT`,
      ]),
      queueAdded,
      queueRemoved,
      queueChanged,
      fold,
      recount,
      'ALTER TABLE documents.deliveries NO FORCE ROW LEVEL SECURITY',
      'SELECT documents.recount_kept_counts()',
      'ALTER TABLE documents.deliveries FORCE ROW LEVEL SECURITY',
    ])
      this.addSql(s);
  }
}
