/**
 * Query limits enforced before any resolver runs (so before the database is touched): depth and
 * aliases (graphql-armor's validation rules), cost with list multipliers taken from `first`/`limit`
 * arguments (graphql-query-complexity), tokens per document (graphql-js's parser), page sizes (each
 * root field's argument check). Every refusal is QUERY_TOO_COMPLEX naming the limit, its maximum and
 * what the document asked for.
 */
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, getNamedType, getNullableType, getOperationAST, getVariableValues, isListType, type DocumentNode, type GraphQLSchema, type ValidationContext, type ValidationRule } from 'graphql';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import type { QueryLimits } from '../config.js';
import { ErrorCode } from '../errors.js';
import { RELATION_FIELDS } from '../modules/entity/entity.fields.js';
import { LOOKUP_LIMIT, RELATIONS_PER_FIELD } from '../planner/planner.js';

/** Set in config.ts (MAX_DEPTH, MAX_ALIASES, MAX_COST, MAX_TOKENS). */
export type Limits = QueryLimits;

export function tooComplex(limit: string, max: number, actual: number | null, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.QueryTooComplex, limit, max, ...(actual === null ? {} : { actual }) } });
}

/** Depth and alias rules, reporting QUERY_TOO_COMPLEX instead of the libraries' generic errors. */
export function limitRules(limits: Limits): ValidationRule[] {
  const report = (limit: string, max: number) => (context: ValidationContext | null, error: GraphQLError) => {
    const actual = Number(/found (\d+)/.exec(error.message)?.[1] ?? NaN);
    context?.reportError(tooComplex(limit, max, Number.isNaN(actual) ? null : actual, `The query exceeds the ${limit} limit of ${max}${Number.isNaN(actual) ? '' : ` (it has ${actual})`}.`));
  };
  return [
    // Fragments and inline fragments do not add depth: the limit counts fields, as the planner nests them.
    maxDepthRule({ n: limits.maxDepth, flattenFragments: true, propagateOnRejection: false, onReject: [report('depth', limits.maxDepth)] }),
    maxAliasesRule({ n: limits.maxAliases, propagateOnRejection: false, onReject: [report('aliases', limits.maxAliases)] }),
  ];
}

/** Default multiplier for list fields that take no page argument (sources, areas...). */
const UNPAGED_LIST = 10;

/** Cost of one bounded path search per hop of its length bound (a breadth-first search from both ends). */
export const PATH_SEARCH_COST_PER_HOP = 1000;
/** Cost of a neighbourhood per hop and per entity allowed: each hop reads up to 20 rows per entity. */
export const NEIGHBOURHOOD_COST_PER_HOP_ENTITY = 2;

/**
 * The database work of the two searches, beyond what they return: path searches by their length bound,
 * neighbourhoods by hops x limit (the compiled row cap of each hop). Both also have a short statement timeout.
 */
function searchCost(fieldName: string, args: Record<string, unknown>): number {
  if (fieldName === 'connection') return PATH_SEARCH_COST_PER_HOP * Number(args.maxLength ?? 6) * (args.all ? 2 : 1);
  if (fieldName === 'neighbourhood') return NEIGHBOURHOOD_COST_PER_HOP_ENTITY * Number(args.hops ?? 1) * Number(args.limit ?? 150);
  return 0;
}

/**
 * The most items a list field without a page argument returns, where a compiled statement caps it: typed
 * relation fields (and an adoption row's articles) at the planner's LIMIT, `lookup` at its LIMIT.
 */
export function listCap(typeName: string, fieldName: string): number | null {
  const spec = RELATION_FIELDS[typeName]?.[fieldName];
  if (spec) return spec.one ? 1 : RELATIONS_PER_FIELD;
  if (typeName === 'MeetingInstrument' && fieldName === 'articles') return RELATIONS_PER_FIELD;
  if (typeName === 'Query' && fieldName === 'lookup') return LOOKUP_LIMIT;
  return null;
}

/**
 * Cost of a field: 1 plus its children, times the number of items it can return: `first` or `limit`
 * (with the schema's defaults applied), else the compiled cap of the list (listCap), else UNPAGED_LIST;
 * plus the search cost of path and neighbourhood queries. Relay `edges` do not multiply again.
 */
const listEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const search = searchCost(field.name, args);
  const nullable = getNullableType(field.type);
  const named = getNamedType(field.type).name;
  const pageArg = (args.first ?? args.limit) as number | undefined;
  let multiplier = 1;
  if (typeof pageArg === 'number') multiplier = Math.max(1, pageArg);
  else if (isListType(nullable) && field.name !== 'edges' && !named.endsWith('Edge')) multiplier = listCap(type.name, field.name) ?? UNPAGED_LIST;
  return 1 + search + childComplexity * multiplier;
};

/**
 * The estimated cost of an operation: null when execution will refuse it first (no such operation, invalid
 * variables: it names those as BAD_USER_INPUT); Infinity when it cannot be estimated (graphql-query-complexity
 * stops past 10,000 fields once fragments are expanded: a document can spread a fragment that spreads
 * another twice, and so on, in a few hundred tokens).
 */
export function costOf(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName: string | undefined): number | null {
  const operation = getOperationAST(document, operationName);
  if (!operation || getVariableValues(schema, operation.variableDefinitions ?? [], variables).errors) return null;
  try {
    return getComplexity({ schema, query: document, variables, operationName, estimators: [listEstimator, simpleEstimator({ defaultComplexity: 1 })] });
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * Costs by parsed document (Apollo's document store hands back the same object for the same text), then
 * operation name and variables: a repeated request does not walk its document again.
 */
const costCache = new WeakMap<DocumentNode, Map<string, number | null>>();
const COSTS_PER_DOCUMENT = 100;

function cachedCost(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName: string | undefined): number | null {
  let byRequest = costCache.get(document);
  if (!byRequest) costCache.set(document, (byRequest = new Map()));
  const key = `${operationName ?? ''}|${JSON.stringify(variables)}`;
  if (byRequest.has(key)) return byRequest.get(key)!;
  const cost = costOf(schema, document, variables, operationName);
  if (byRequest.size >= COSTS_PER_DOCUMENT) byRequest.clear();
  byRequest.set(key, cost);
  return cost;
}

export function costPlugin<T extends object>(limits: Limits): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const cost = cachedCost(schema, document, request.variables ?? {}, request.operationName ?? undefined);
          // No such operation, or invalid variables (null): execution reports them before any resolver runs.
          if (cost === null) return;
          if (cost === Number.POSITIVE_INFINITY) {
            throw tooComplex('cost', limits.maxCost, null, `The query is too large to estimate its cost (over 10,000 fields once its fragments are expanded); the limit is ${limits.maxCost}.`);
          }
          if (cost > limits.maxCost) {
            throw tooComplex('cost', limits.maxCost, cost, `The query's estimated cost ${cost} exceeds the limit of ${limits.maxCost}; ask for smaller pages (first/limit) or fewer nested lists.`);
          }
        },
      };
    },
  };
}
