import { Migration } from '@yizhan/kernel/migration';

/**
 * Each delivery keeps the 行文方向 its send was routed by (org's decision: the provincial office sends down to the
 * counties although it is not above them in the tree, and a county's 报告 to it goes up). 统计 counted directions from
 * the tree alone and called both 平行. Nullable: deliveries made before keep none, and 统计 falls back to the tree for
 * them. Adding a nullable column rewrites no partition.
 */
export class DeliveryDirection extends Migration {
  override up(): void {
    this.addSql("ALTER TABLE documents.deliveries ADD COLUMN direction text CHECK (direction IN ('DOWN', 'UP', 'LATERAL'))");
  }
}
