import { ArrayType, OptionalProps } from '@mikro-orm/core';
import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** A unit's document settings (seed 003 §12): its 机关代字 and the roles that approve its documents, in order. */
@Entity({ tableName: 'unit_settings' })
export class UnitSettings {
  [OptionalProps]?: 'updatedAt' | 'briefingTitles';

  @PrimaryKey({ type: 'uuid' })
  orgId!: string;

  @Property({ type: 'string', columnType: 'ltree' })
  orgPath!: string;

  @Property({ type: ArrayType, columnType: 'text[]' })
  docPrefixes!: string[];

  @Property({ type: ArrayType, columnType: 'text[]' })
  approvalChain!: string[];

  /** 简报刊名: the briefings the unit issues (seed 002 三), each numbered by its own year's 期号. */
  @Property({ type: ArrayType, columnType: 'text[]' })
  briefingTitles: string[] = [];

  @Property({ type: 'Date' })
  updatedAt: Date = new Date();
}

/** Without settings a unit has no 机关代字 (it cannot number documents until its administrator sets one) and the
 * approval chain of seed 000 §11: the section head, then the leader in charge. */
export const DEFAULT_APPROVAL_CHAIN = ['APPROVER', 'LEADER'];
