import { Migration } from '@yizhan/kernel/migration';

/** The seal (SESeal) and each stamp (SES_Signature, with its time stamp) in GB/T 38540's DER, beside the JSON. */
export class SesEncoding extends Migration {
  override up(): void {
    this.addSql('ALTER TABLE seals.seals ADD COLUMN seseal_der bytea');
    this.addSql('ALTER TABLE seals.stamps ADD COLUMN ses_signature bytea');
  }
}
