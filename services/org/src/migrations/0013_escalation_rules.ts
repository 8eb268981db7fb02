import { Migration } from '@yizhan/kernel/migration';

/**
 * 自动催办规则 (issue 16): a unit's escalation rules are one of its settings — a short ordered list of steps (so many
 * minutes after a delivery's due time, to its contacts or its leaders, by which channels), NULL when the unit inherits
 * those of the nearest unit above it (as routing rules are inherited). Documents applies them (it follows
 * `org.escalation-reach`).
 */
export class EscalationRules extends Migration {
  override up(): void {
    this.addSql(
      `ALTER TABLE org.unit_settings ADD COLUMN escalation_steps jsonb
        CHECK (escalation_steps IS NULL OR (jsonb_typeof(escalation_steps) = 'array' AND jsonb_array_length(escalation_steps) BETWEEN 1 AND 5))`,
    );
  }
}
