import { Migration } from '@yizhan/kernel/migration';

/**
 * 签发人职务: an order (命令（令）) prints its 签发人's post beside the name standing for the 签名章 (GB/T 9704
 * §7.3.5.3, §10.2). Recorded from org's `leaders` when the order is submitted for approval (the leader named then is
 * the one who 签发s it), so the print, the OFD and the canonical content keep the post as it was.
 */
export class SignerPost extends Migration {
  override up(): void {
    this.addSql('ALTER TABLE documents.documents ADD COLUMN signer_post text');
  }
}
