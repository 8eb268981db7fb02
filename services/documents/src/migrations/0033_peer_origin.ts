import { Migration } from '@yizhan/kernel/migration';

/**
 * 对端来文 (issue 19): a document taken in from a peer platform keeps where it came from (its ids there, its sender and
 * 发文字号, the evidence package it arrived in). A peer's delivery is taken in once: the same delivery offered again
 * (the exchange resuming after a restart) finds the document it became.
 */
export class PeerOriginColumn extends Migration {
  override up(): void {
    this.addSql('ALTER TABLE documents.documents ADD COLUMN peer_origin jsonb');
    this.addSql(`CREATE UNIQUE INDEX documents_peer_delivery ON documents.documents (org_id, (peer_origin->>'deliveryId')) WHERE peer_origin IS NOT NULL`);
  }
}
