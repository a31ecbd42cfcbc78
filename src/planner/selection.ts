/**
 * Reading a GraphQL selection the way graphql-js executes it: fields merged by response key (aliases),
 * fragments and inline fragments applied by type condition, `@skip`/`@include` evaluated with the
 * request's variables. Pure functions over the document; no database.
 */
import {
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  getDirectiveValues,
  isAbstractType,
  isObjectType,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

export interface SelectionScope {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

function included(scope: SelectionScope, node: FieldNode | SelectionSetNode['selections'][number]): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, scope.variables);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, scope.variables);
  return include?.if !== false;
}

/** Whether a fragment with this type condition applies to objects of the concrete type `typeName`. */
function applies(scope: SelectionScope, condition: string | undefined, typeName: string): boolean {
  if (!condition || condition === typeName) return true;
  const conditionType = scope.schema.getType(condition);
  const type = scope.schema.getType(typeName);
  if (!conditionType || !isObjectType(type)) return false;
  return isAbstractType(conditionType) && scope.schema.isSubType(conditionType, type);
}

/** The fields selected on an object of concrete type `typeName`, by response key (graphql-js CollectFields). */
export function collectFields(scope: SelectionScope, typeName: string, selectionSets: readonly SelectionSetNode[]): Map<string, FieldNode[]> {
  const fields = new Map<string, FieldNode[]>();
  const visited = new Set<string>();
  const visit = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (!included(scope, selection)) continue;
      if (selection.kind === 'Field') {
        const key = selection.alias?.value ?? selection.name.value;
        if (!fields.has(key)) fields.set(key, []);
        fields.get(key)!.push(selection);
      } else if (selection.kind === 'InlineFragment') {
        if (applies(scope, selection.typeCondition?.name.value, typeName)) visit(selection.selectionSet);
      } else {
        const name = selection.name.value;
        const fragment = scope.fragments[name];
        if (visited.has(name) || !fragment || !applies(scope, fragment.typeCondition.name.value, typeName)) continue;
        visited.add(name);
        visit(fragment.selectionSet);
      }
    }
  };
  for (const set of selectionSets) visit(set);
  return fields;
}

/** The selection sets of every field node under one response key (merged, as graphql-js does). */
export function subSelections(nodes: readonly FieldNode[]): SelectionSetNode[] {
  return nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
}

/**
 * The part of the variables that changes a compiled statement's text: presence, booleans (directives),
 * enum-like words (kinds, directions, orders). Ids, names and numbers stay parameters.
 */
export function variableShape(variables: Record<string, unknown>, words: ReadonlySet<string>): string {
  const shape = (value: unknown): unknown => {
    if (value === null || value === undefined) return null;
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string') return words.has(value) ? value : 's';
    if (Array.isArray(value)) return value.length === 0 ? '[]' : 'a';
    if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
    return typeof value;
  };
  return JSON.stringify(Object.fromEntries(Object.entries(variables).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, shape(v)])));
}
