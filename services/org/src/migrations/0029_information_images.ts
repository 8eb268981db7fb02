import { SCOPE_SETTING } from '@yizhan/kernel';
import { Migration } from '@yizhan/kernel/migration';

/**
 * The images of a 信息 (seed 003 §33(二): 图片大小限制在500K以内), kept with it: PNG, JPEG or GIF, each at most 500 KB,
 * a few to an item. Row-level security: the publishing unit and those above it read and write them (as its items);
 * anyone else sees an image exactly when they see its item (the item's own policies decide, read through it).
 */
export class InformationImages extends Migration {
  override up(): void {
    const scope = `(select nullif(current_setting('${SCOPE_SETTING}', true), '')::ltree)`;
    const sql = [
      `CREATE TABLE org.information_images (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        item_id uuid NOT NULL REFERENCES org.information_items (id) ON DELETE CASCADE,
        org_path ltree NOT NULL,
        seq integer NOT NULL CHECK (seq BETWEEN 1 AND 9),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        content_type text NOT NULL CHECK (content_type IN ('image/png', 'image/jpeg', 'image/gif')),
        sha256 text NOT NULL,
        content bytea NOT NULL CHECK (octet_length(content) BETWEEN 1 AND 512000),
        UNIQUE (item_id, seq)
      )`,
      'CREATE INDEX information_images_path ON org.information_images USING gist (org_path)',
      'ALTER TABLE org.information_images ENABLE ROW LEVEL SECURITY',
      'ALTER TABLE org.information_images FORCE ROW LEVEL SECURITY',
      `CREATE POLICY information_images_own ON org.information_images USING (org_path <@ ${scope}) WITH CHECK (org_path <@ ${scope})`,
      `CREATE POLICY information_images_published ON org.information_images FOR SELECT
         USING (EXISTS (SELECT 1 FROM org.information_items i WHERE i.id = item_id))`,
    ];
    for (const s of sql) this.addSql(s);
  }
}
