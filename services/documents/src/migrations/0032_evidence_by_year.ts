import { partitionByTimeSql } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/**
 * The delivery evidence chain partitioned by year of its events (issue 19: one link per delivery event, the largest
 * table a province keeps). A link's key, (unit, sequence), gains the time as PostgreSQL requires; the linker still
 * numbers each unit's links from its head under one lock (0016), and verification still finds a repeated or missing
 * number at its link. Kept attached for thirty years, the longest fixed term a record is kept for (定期30年), so that
 * a unit's chain verifies from its first link; its writer finds each unit's head by one probe per attached year.
 */
export class EvidenceByYear extends Migration {
  override up(): void {
    for (const s of partitionByTimeSql({ table: 'documents.delivery_evidence', column: 'at', period: 'year', ahead: 1, keep: 30 })) this.addSql(s);
  }
}
