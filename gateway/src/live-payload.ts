// The payload of a live event as the client's subscription selected it, built at the live edge (live-edge.ts). The
// documents service's fields come from the event's view (the contract's, the same object the service's resolver
// returns); fields of the org subgraph inside it (`recipientOrg { name }`) are fetched from org once per batch of
// events and selection — one `_entities` request for every unit the batch names — not once per subscriber. The
// client's selection is compiled once into a projection (response keys through fragments, aliases, `@skip`/`@include`,
// `__typename`), so each event's payload is a walk over the view, not a GraphQL execution: at provincial scale the
// edge builds thousands of them in one burst. `test/live-edge.test.ts` checks the result against the subgraph's own.
import {
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLIncludeDirective,
  type GraphQLObjectType,
  type GraphQLSchema,
  GraphQLSkipDirective,
  getDirectiveValues,
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  print,
  type SelectionSetNode,
  visit,
} from 'graphql';

/** The entity the live payloads name and the subgraph that resolves it. */
const ORG_TYPE = 'Org';
/** The unit's fields a receipt's event carries itself (the contract's `DeliveryEventView.recipientOrg`). */
const EVENT_ORG_FIELDS = new Set(['id', 'name', '__typename']);

/** What the edge keeps of one subscription's operation: prepared once, used for every event it receives. */
export interface Selection {
  document: DocumentNode;
  operationName: string | null;
  variables: Record<string, unknown>;
  /** The root field's name, and its response key in the payload (its alias or name). */
  field: string;
  rootKey: string;
  /** What to take from the event's view, key by key. */
  projection: Projection;
  /** The `_entities` query for the org fields the selection asks beyond `id`, or null when it asks none. */
  orgQuery: { text: string; variables: Record<string, unknown>; keys: string[] } | null;
  /** Whether the client asked for `previousCursor` (then each subscriber's payload is its own). */
  perSubscriber: boolean;
  /**
   * Whether the org part asks only what a receipt's event carries (`id`, `name`, `__typename`): then an event that
   * names its unit is rendered from the event alone, without the fetch.
   */
  orgFromEvent: boolean;
}

/**
 * A compiled selection: for each response key, `__typename`, a leaf read from the view by field name, an object (or
 * list of objects) projected in turn, or an org field taken whole from org's answer (`fetched`) — or, when it asks
 * only what the event carries and the event carries it, projected from the event (`fromEvent`).
 */
type Projection = [key: string, how: Step][];
type Step =
  | { kind: 'typename'; name: string }
  | { kind: 'leaf'; field: string }
  | { kind: 'object'; field: string; list: boolean; sub: Projection }
  | { kind: 'fetched'; field: string; fromEvent: Projection | null };

function compile(
  type: GraphQLObjectType,
  set: SelectionSetNode | SelectionSetNode[],
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  fetchedKeys: Map<string, Projection | null> = new Map(),
): Projection {
  const fields = new Map<string, FieldNode[]>();
  for (const one of Array.isArray(set) ? set : [set]) collect(one, type, fragments, variables, fields);
  const out: Projection = [];
  for (const [key, nodes] of fields) {
    const name = nodes[0]?.name.value ?? '';
    if (name === '__typename') {
      out.push([key, { kind: 'typename', name: type.name }]);
      continue;
    }
    const def = type.getFields()[name];
    if (!def) continue;
    if (fetchedKeys.has(key)) {
      out.push([key, { kind: 'fetched', field: name, fromEvent: fetchedKeys.get(key) ?? null }]);
      continue;
    }
    const named = getNamedType(def.type);
    const bare = isNonNullType(def.type) ? def.type.ofType : def.type;
    if (isObjectType(named)) {
      const sets = nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
      out.push([key, { kind: 'object', field: name, list: isListType(bare), sub: compile(named, sets, fragments, variables) }]);
    } else out.push([key, { kind: 'leaf', field: name }]);
  }
  return out;
}

/** A leaf as JSON carries it: a time as ISO 8601 (the schema's DateTimeISO), the rest as it is. */
const leaf = (v: unknown) => (v instanceof Date ? v.toISOString() : v === undefined ? null : v);

/** `fetched`: org's answer by response key, or null when the org part is read from the event itself. */
function project(projection: Projection, value: Record<string, unknown>, fetched: Record<string, unknown> | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, how] of projection) {
    if (how.kind === 'typename') out[key] = how.name;
    else if (how.kind === 'leaf') out[key] = leaf(value[how.field]);
    else if (how.kind === 'fetched') {
      const unit = value[how.field] as Record<string, unknown> | null | undefined;
      out[key] = fetched ? (fetched[key] ?? null) : how.fromEvent && unit ? project(how.fromEvent, unit, {}) : null;
    } else {
      const v = value[how.field] as Record<string, unknown> | Record<string, unknown>[] | null | undefined;
      if (v === null || v === undefined) out[key] = null;
      else if (how.list) out[key] = (v as Record<string, unknown>[]).map((x) => (x === null ? null : project(how.sub, x, {})));
      else out[key] = project(how.sub, v as Record<string, unknown>, {});
    }
  }
  return out;
}

function fragmentsOf(document: DocumentNode): Record<string, FragmentDefinitionNode> {
  const out: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) out[d.name.value] = d;
  return out;
}

const included = (node: FieldNode | { directives?: FieldNode['directives'] }, variables: Record<string, unknown>) =>
  !getDirectiveValues(GraphQLSkipDirective, node as FieldNode, variables)?.if &&
  getDirectiveValues(GraphQLIncludeDirective, node as FieldNode, variables)?.if !== false;

/** The fields a selection set asks of an object type, by response key, through fragments and @skip/@include. */
function collect(
  set: SelectionSetNode,
  type: GraphQLObjectType,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  out = new Map<string, FieldNode[]>(),
): Map<string, FieldNode[]> {
  for (const s of set.selections) {
    if (!included(s, variables)) continue;
    if (s.kind === Kind.FIELD) {
      const key = s.alias?.value ?? s.name.value;
      out.set(key, [...(out.get(key) ?? []), s]);
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      if (!s.typeCondition || s.typeCondition.name.value === type.name) collect(s.selectionSet, type, fragments, variables, out);
    } else {
      const f = fragments[s.name.value];
      if (f && f.typeCondition.name.value === type.name) collect(f.selectionSet, type, fragments, variables, out);
    }
  }
  return out;
}

/** The fragments a selection set uses, and theirs in turn. */
function usedFragments(sets: SelectionSetNode[], fragments: Record<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const seen = new Map<string, FragmentDefinitionNode>();
  const walk = (set: SelectionSetNode) =>
    visit(set, {
      FragmentSpread(s) {
        const f = fragments[s.name.value];
        if (f && !seen.has(f.name.value)) {
          seen.set(f.name.value, f);
          walk(f.selectionSet);
        }
      },
    });
  for (const set of sets) walk(set);
  return [...seen.values()];
}

/**
 * Prepares the client's operation for the edge: finds the org fields of its payload and writes the one `_entities`
 * query that fetches them. Null when the operation is not a single live field of an object type.
 */
export function prepareSelection(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
): Selection | null {
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  );
  const root = operation?.selectionSet.selections[0];
  if (operation?.operation !== 'subscription' || operation.selectionSet.selections.length !== 1 || root?.kind !== Kind.FIELD) return null;
  const fieldDef = schema.getSubscriptionType()?.getFields()[root.name.value];
  const payloadType = fieldDef && getNamedType(fieldDef.type);
  if (!isObjectType(payloadType) || !root.selectionSet) return null;
  const fragments = fragmentsOf(document);
  const fields = collect(root.selectionSet, payloadType, fragments, variables);
  const orgType = schema.getType(ORG_TYPE);
  const orgKeys: { key: string; nodes: FieldNode[]; fromEvent: Projection | null }[] = [];
  for (const [key, nodes] of fields) {
    const name = nodes[0]?.name.value ?? '';
    const def = payloadType.getFields()[name];
    if (!def || getNamedType(def.type) !== orgType || !isObjectType(orgType)) continue;
    // Only `id` (the event carries it) and `__typename`: nothing to fetch. With `name` besides, a receipt's event
    // that names its unit needs no fetch either (the delivery's recorded name, which supervision shows).
    const asked = new Map<string, FieldNode[]>();
    for (const n of nodes) if (n.selectionSet) collect(n.selectionSet, orgType, fragments, variables, asked);
    const fieldsAsked = [...asked.values()].map((ns) => ns[0]?.name.value ?? '');
    if (fieldsAsked.every((f) => f === 'id' || f === '__typename')) continue;
    const sets = nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
    const fromEvent = fieldsAsked.every((f) => EVENT_ORG_FIELDS.has(f)) ? compile(orgType, sets, fragments, variables) : null;
    orgKeys.push({ key, nodes, fromEvent });
  }
  const perSubscriber = [...fields.values()].some((nodes) => nodes[0]?.name.value === 'previousCursor');
  const fetchedKeys = new Map(orgKeys.map((k) => [k.key, k.fromEvent]));
  return {
    document,
    operationName: operationName ?? null,
    variables,
    field: root.name.value,
    rootKey: root.alias?.value ?? root.name.value,
    projection: compile(payloadType, root.selectionSet, fragments, variables, fetchedKeys),
    orgQuery: orgKeys.length ? orgQueryFor(orgKeys, fragments, operation, variables) : null,
    perSubscriber,
    orgFromEvent: orgKeys.length > 0 && orgKeys.every((k) => k.fromEvent),
  };
}

/** `query($representations: [_Any!]!, …) { k: _entities(representations: $representations) { ... on Org { … } } }`. */
function orgQueryFor(
  keys: { key: string; nodes: FieldNode[] }[],
  fragments: Record<string, FragmentDefinitionNode>,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): Selection['orgQuery'] {
  const sets = keys.flatMap((k) => k.nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : [])));
  const used = usedFragments(sets, fragments);
  // The client's variables that the org part uses (a directive's condition, an argument), declared as the client did.
  const names = new Set<string>();
  for (const node of [...sets, ...used]) visit(node, { Variable: (v) => void names.add(v.name.value) });
  const declared = (operation.variableDefinitions ?? []).filter((d) => names.has(d.variable.name.value));
  const head = ['$representations: [_Any!]!', ...declared.map((d) => print(d))].join(', ');
  const body = keys
    .map(
      ({ key, nodes }) =>
        `${key}: _entities(representations: $representations) { ... on ${ORG_TYPE} { ${nodes.flatMap((n) => n.selectionSet?.selections.map((s) => print(s)) ?? []).join(' ')} } }`,
    )
    .join(' ');
  const text = [`query YizhanLiveEntities(${head}) { ${body} }`, ...used.map((f) => print(f))].join('\n');
  return { text, variables: Object.fromEntries(declared.map((d) => [d.variable.name.value, variables[d.variable.name.value]])), keys: keys.map((k) => k.key) };
}

/**
 * Renders payloads for many subscribers: requests that arrive in the same turn of the event loop share one org fetch
 * per selection. `fetchOrg` answers `_entities` for a selection (org's directory is readable by every caller; the
 * request is signed for one of the subscribers it serves).
 */
export class PayloadRenderer<Who> {
  private pending = new Map<Selection, { ids: Set<string>; ready: Promise<Map<string, Record<string, unknown>>> }>();

  constructor(private readonly fetchOrg: (selection: Selection, ids: string[], who: Who) => Promise<Record<string, unknown> | null>) {}

  /** `who`: the subscriber it is for (the first of a batch signs the batch's fetch). */
  async render(selection: Selection, view: Record<string, unknown>, who: Who): Promise<ExecutionResult> {
    let fetched: Record<string, unknown> | null = {};
    if (selection.orgQuery) {
      const unit = view.recipientOrg as { id?: string; name?: string } | undefined;
      if (selection.orgFromEvent && typeof unit?.name === 'string') fetched = null;
      else if (unit?.id) fetched = await this.orgsFor(selection, unit.id, who);
    }
    return { data: { [selection.rootKey]: project(selection.projection, view, fetched) } };
  }

  /** The org data of one unit for a selection, by the selection's response keys. */
  private async orgsFor(selection: Selection, id: string, who: Who): Promise<Record<string, unknown>> {
    let batch = this.pending.get(selection);
    if (!batch) {
      const ids = new Set<string>();
      const ready = new Promise<Map<string, Record<string, unknown>>>((resolve, reject) =>
        setImmediate(() => {
          this.pending.delete(selection);
          const list = [...ids];
          this.fetchOrg(selection, list, who).then((data) => {
            const byId = new Map<string, Record<string, unknown>>();
            list.forEach((one, i) => {
              const entry: Record<string, unknown> = {};
              for (const key of selection.orgQuery?.keys ?? []) entry[key] = (data?.[key] as unknown[] | undefined)?.[i] ?? null;
              byId.set(one, entry);
            });
            resolve(byId);
          }, reject);
        }),
      );
      batch = { ids, ready };
      this.pending.set(selection, batch);
    }
    batch.ids.add(id);
    return (await batch.ready).get(id) ?? {};
  }
}
