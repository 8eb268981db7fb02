// The sender's delivery board a page at a time (app/board.ts): a document's `board` (one page of rows under a filter
// chip and a search) and `boardFigures` (every chip's count and every group's figures).
import { requireCaller } from '@yizhan/common';
import { PageInfo } from '@yizhan/kernel';
import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root, registerEnumType } from 'type-graphql';
import { deliveryBoardFigures, deliveryBoardPage, seesWholeBoardOf } from '../app/board.ts';
import type { DocumentsContext } from '../deps.ts';
import { BOARD_FILTERS, type BoardFilter } from '../domain/board.ts';
import { Delivery } from '../entities/Delivery.ts';
import { Document } from '../entities/Document.ts';

const BoardFilterEnum = Object.fromEntries(BOARD_FILTERS.map((f) => [f, f])) as { [K in BoardFilter]: K };
registerEnumType(BoardFilterEnum, {
  name: 'BoardFilter',
  description: 'A chip of the delivery board',
  valuesConfig: {
    ALL: { description: '全部: every unit by its live delivery (not resent or recalled)' },
    NOT_RECEIVED: { description: '未接收: not opened yet' },
    NOT_SIGNED: { description: '未签收: not signed for yet' },
    OVERDUE: { description: '超期: not signed for and past its due time' },
    RETURNED: { description: '已退回: returned, or a resend requested' },
    REPORTED: { description: '已报送: its report is in (when the document asked for reports)' },
    REPLACED: { description: '已重发或撤回: replaced by a resend, or recalled' },
  },
});

@ObjectType({ description: 'One page of a document’s delivery board' })
export class DeliveryBoardPage {
  @Field(() => [Delivery], { description: 'In the order of the org tree (a city’s units together)' })
  nodes!: Delivery[];
  @Field(() => PageInfo)
  pageInfo!: PageInfo;
  /** Counts the rows under the chip and the search (totalCount), only when that is asked for. */
  countAll!: () => Promise<number>;
}

@ObjectType({ description: 'How many deliveries a chip of the board shows' })
export class BoardChip {
  @Field(() => BoardFilterEnum)
  filter!: BoardFilter;
  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'A group of the board: the province’s own units, or a city with everything under it' })
export class BoardGroup {
  @Field(() => String, { description: '`province`, or the city’s path (p61.c6101)' })
  key!: string;
  @Field(() => String, { nullable: true, description: 'The city’s name (null for the province’s group)' })
  name!: string | null;
  @Field(() => Int, { description: 'Units by their live delivery' })
  live!: number;
  @Field(() => Int, { description: 'Of those, signed for' })
  signed!: number;
}

@ObjectType({ description: 'The figures of a whole delivery board, whatever page is shown' })
export class BoardFigures {
  @Field(() => [BoardChip])
  chips!: BoardChip[];
  @Field(() => [BoardGroup], { description: 'The province’s group first, then the cities by path' })
  groups!: BoardGroup[];
}

@Resolver(() => DeliveryBoardPage)
export class BoardPageResolver {
  @FieldResolver(() => Int, { description: 'Rows under the chip and the search (counted when asked: a chip’s count without a search is in boardFigures)' })
  totalCount(@Root() page: DeliveryBoardPage): Promise<number> {
    return page.countAll();
  }
}

@Resolver(() => Document)
export class BoardResolver {
  @FieldResolver(() => DeliveryBoardPage, {
    description:
      'The delivery board a page at a time, for the sender and the units above it (a recipient unit: its own row). `search` matches the unit’s name or its registered contacts. BAD_INPUT for a malformed cursor, a search over 100 characters or `first` outside 1–500',
  })
  async board(
    @Root() doc: Document,
    @Arg('filter', () => BoardFilterEnum, { defaultValue: 'ALL' }) filter: BoardFilter,
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: DocumentsContext,
  ): Promise<DeliveryBoardPage> {
    requireCaller(ctx);
    return deliveryBoardPage(ctx, doc, { filter, search: search ?? null, first, after: after ?? null });
  }

  @FieldResolver(() => BoardFigures, { description: 'Every chip’s count and every group’s figures over the whole board' })
  async boardFigures(@Root() doc: Document, @Ctx() ctx: DocumentsContext): Promise<BoardFigures> {
    requireCaller(ctx);
    return deliveryBoardFigures(ctx, doc);
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether your unit sees the whole board (the sending unit and the units above it) or its own row only (a recipient)',
  })
  wholeBoard(@Root() doc: Document, @Ctx() ctx: DocumentsContext): boolean {
    return seesWholeBoardOf(ctx, doc);
  }
}
