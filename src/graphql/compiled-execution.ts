/**
 * Executes queries with graphql-jit instead of graphql-js's interpreter, behind Apollo's gateway interface
 * (the one way Apollo Server lets a server bring its own executor; everything before execution stays
 * Apollo's: parsing, validation, the limits, the plugins, the error formatting).
 *
 * Why: graphql-js builds an info object, argument values and a response path for every field of every
 * object, and the planner's answers are wide (the nested list of 100 meetings resolves about 700 objects).
 * graphql-jit turns an operation into JavaScript once and runs that. Measured without a database on the
 * nested list's shape (bench/README.md): 1.14 ms per execution in graphql-js, 0.08 ms in graphql-jit, the
 * same JSON.
 *
 * graphql-jit 0.8.9 (pinned: the guards below know its internals) writes a document's literal argument
 * values into the code it generates, keys generated functions by response paths joined with `_`, and
 * marks the document's own nodes while compiling. So a query is compiled only when `notCompilable` finds none
 * of what it mishandles, and graphql-js runs everything else:
 * - a string literal or input object key containing its private markers (`__MAGIC_DATE__…`), which it turns
 *   back into code: a client's literal would run on this server (a test shows it);
 * - an input object key `__proto__` (in generated code it sets the object's prototype);
 * - an alias containing `_` (two paths could then share one generated function and its resolver info);
 * - introspection (`__schema`, `__type`: nothing to gain, and its types nest without bound);
 * - a variable inside a list or input object literal (it skips that variable's non-null check);
 * - mutations: it runs the next root field only after the previous one's arguments were valid, so a bad
 *   argument silently drops the mutations after it. Mutations gain nothing from compiling anyway.
 * It compiles a private parse of the query's text, never Apollo's cached document (it writes into the nodes
 * it compiles), with path-based `@skip`/`@include` (by default, a fragment spread in two places under different conditions
 * follows one of them in both).
 *
 * Compiling is bounded, as a client controls what it sends:
 * - a query is compiled at its COMPILE_AFTER-th execution (a document sent once never is);
 * - its size first: graphql-jit compiles a selection under an interface once per implementation (`Node`
 *   has twenty), so nested `Node` selections grow exponentially, and walks a fragment again at each spread;
 *   past MAX_COMPILED_FIELDS field instances and visits it is not compiled;
 * - a budget of compiling milliseconds per second, all documents together, with the overspend of a long
 *   compilation carried into the next seconds;
 * - compiled functions are kept for COMPILED_DOCUMENTS documents (least recently used out first), at most
 *   OPERATIONS_PER_DOCUMENT operations each; execution counts and refusals, apart, for RUN_COUNTERS documents;
 * - the checks run on the text Apollo parsed and validated (else nothing is compiled), and count against
 *   the budget with the compilation.
 *
 * What resolvers must keep to:
 * - A list resolver gives a failed item as the error itself, not a rejected promise: graphql-jit appends a
 *   second null to the list for a rejected item (a test shows it).
 * - A value read without a resolver (a getter, such as a connection's cursors) and `__resolveType` must not
 *   throw: graphql-jit reads them outside its error handling, so the rejection would go unhandled.
 * graphql-jit refuses variables graphql-js accepts (a missing non-null variable that has a default), and
 * reports invalid ones with its own errors: defaults are filled in before it runs, and when it still refuses,
 * graphql-js runs the query (it had run no resolver), so a bad variable is answered as before
 * (BAD_USER_INPUT, HTTP 400). Its errors are rebuilt as graphql-js errors (Apollo reads their `extensions`).
 */
import type { GatewayExecutor, GatewayInterface, GatewaySchemaLoadOrUpdateCallback } from '@apollo/server-gateway-interface';
import {
  BREAK,
  execute,
  getNamedType,
  GraphQLError,
  isAbstractType,
  isCompositeType,
  Kind,
  parse,
  printSchema,
  typeFromAST,
  valueFromASTUntyped,
  visit,
  type DocumentNode,
  type ExecutionResult,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { CompileSettings } from '../config.js';
import { logger } from '../logger.js';

/** How many documents keep their compiled functions. */
export const COMPILED_DOCUMENTS = 500;
/** How many operations of one document are compiled. */
export const OPERATIONS_PER_DOCUMENT = 4;
/** How many documents' execution counts are kept (oldest out first). */
export const RUN_COUNTERS = 2000;
/**
 * The most field instances and visits (`compiledFields`) a compiled query may have. Measured with
 * `bench/out/sizes.mts` (one-off): the examples and explorer queries count 28-1,442 and compile in 0.4-27 ms,
 * except the explorer's relation counts (8,342: 87 ms) and lineage context (106,722: 1.4 s), which graphql-js
 * runs; three nested `relations { to }` count 17,682 (0.18 s), four 353,682; the benchmark's queries 76-212.
 */
export const MAX_COMPILED_FIELDS = 2000;

/** Why a query is run by graphql-js rather than compiled, or null when graphql-jit may compile it. */
export function notCompilable(document: DocumentNode, operation: OperationDefinitionNode): string | null {
  if (operation.operation !== 'query') return `a ${operation.operation}`;
  let reason: string | null = null;
  const refuse = (why: string) => {
    reason = why;
    return BREAK;
  };
  visit(document, {
    StringValue: (node) => (node.value.includes('__MAGIC') ? refuse('a string literal with a graphql-jit marker') : undefined),
    ObjectField: (node) => (node.name.value.includes('__MAGIC') || node.name.value === '__proto__' ? refuse(`an input key "${node.name.value}"`) : undefined),
    Field: (node) =>
      node.alias?.value.includes('_')
        ? refuse('an alias with "_"')
        : node.name.value === '__schema' || node.name.value === '__type'
          ? refuse('an introspection field')
          : undefined,
    Variable: (_node, _key, _parent, _path, ancestors) =>
      ancestors.some((a) => 'kind' in a && (a.kind === Kind.LIST || a.kind === Kind.OBJECT)) ? refuse('a variable inside a list or object literal') : undefined,
  });
  return reason;
}

/**
 * The field instances graphql-jit would compile for `operation`: every field once per possible type of the
 * selection it is in, through fragments; and every selection visited on the way, each time a fragment is
 * spread (graphql-jit walks a spread fragment again at each spread, so a chain of fragments that each spread
 * the next twice would cost it 2^n). Stops past `limit`, so the walk itself never costs more than that.
 */
export function compiledFields(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, limit: number): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  let count = 0;
  const applies = (condition: FragmentDefinitionNode['typeCondition'] | undefined, type: GraphQLObjectType) => {
    if (!condition) return true;
    const named = typeFromAST(schema, condition);
    return named === type || (named !== undefined && isAbstractType(named) && schema.isSubType(named, type));
  };
  const walk = (type: GraphQLObjectType, sets: readonly SelectionSetNode[]): void => {
    // Fields by response key, with every selection set merged under each (as execution merges them).
    const byKey = new Map<string, { name: string; sets: SelectionSetNode[] }>();
    const collect = (set: SelectionSetNode) => {
      for (const selection of set.selections) {
        if (++count > limit) return;
        if (selection.kind === Kind.FIELD) {
          const key = selection.alias?.value ?? selection.name.value;
          const entry = byKey.get(key) ?? { name: selection.name.value, sets: [] };
          if (selection.selectionSet) entry.sets.push(selection.selectionSet);
          byKey.set(key, entry);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          if (applies(selection.typeCondition, type)) collect(selection.selectionSet);
        } else {
          const fragment = fragments.get(selection.name.value);
          if (fragment && applies(fragment.typeCondition, type)) collect(fragment.selectionSet);
        }
      }
    };
    for (const set of sets) {
      collect(set);
      if (count > limit) return;
    }
    for (const { name, sets: children } of byKey.values()) {
      if (++count > limit) return;
      const field = type.getFields()[name];
      const named = field ? getNamedType(field.type) : undefined;
      if (!named || !isCompositeType(named) || children.length === 0) continue;
      for (const possible of isAbstractType(named) ? schema.getPossibleTypes(named) : [named as GraphQLObjectType]) {
        walk(possible, children);
        if (count > limit) return;
      }
    }
  };
  const root = schema.getRootType(operation.operation);
  if (root) walk(root, [operation.selectionSet]);
  return count;
}

/** Compiling milliseconds allowed: a bucket refilled at `msPerSecond`, holding at most one second's worth. */
class Budget {
  private tokens: number;
  private last: number | null = null;

  constructor(private readonly msPerSecond: number) {
    this.tokens = msPerSecond;
  }

  allows(now: number): boolean {
    if (this.last !== null) this.tokens = Math.min(this.msPerSecond, this.tokens + ((now - this.last) * this.msPerSecond) / 1000);
    this.last = now;
    return this.msPerSecond > 0 && this.tokens > 0;
  }

  /** A compilation's time; past the bucket it is a debt the next seconds pay. */
  charge(ms: number): void {
    this.tokens -= ms;
  }
}

/** The service's settings (COMPILE_AFTER, COMPILE_BUDGET_MS), and what tests may change besides. */
export interface CompilePolicy extends CompileSettings {
  /** How many documents keep their compiled functions. */
  capacity?: number;
  /** The most field instances and visits (`compiledFields`) a compiled query may have. */
  maxFields?: number;
  /** Milliseconds, for the budget (tests set it). */
  clock?: () => number;
}

/** A query's execution count once it was refused: graphql-js always runs it. */
const NEVER = -1;

/**
 * Compiled queries by document (least recently used out first), then operation name; and, apart, how often
 * each query not yet compiled has run, or that it never will be. See the module's header for when a query is
 * compiled.
 */
export class CompiledDocuments {
  private readonly compiled = new Map<DocumentNode, Map<string, CompiledQuery>>();
  private readonly runs = new Map<DocumentNode, Map<string, number>>();
  private readonly budget: Budget;
  private readonly capacity: number;
  private readonly maxFields: number;
  private readonly now: () => number;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly policy: CompilePolicy,
  ) {
    this.budget = new Budget(policy.budgetMsPerSecond);
    this.capacity = policy.capacity ?? COMPILED_DOCUMENTS;
    this.maxFields = policy.maxFields ?? MAX_COMPILED_FIELDS;
    this.now = policy.clock ?? (() => performance.now());
  }

  /** How many documents hold compiled queries. */
  get size(): number {
    return this.compiled.size;
  }

  /** The compiled query, or 'interpreted' when graphql-js runs it this time. `source` is the document's text. */
  get(document: DocumentNode, operation: OperationDefinitionNode, source: string): CompiledQuery | 'interpreted' {
    if (this.policy.after === 0) return 'interpreted';
    const name = operation.name?.value ?? '';
    const operations = this.compiled.get(document);
    const known = operations?.get(name);
    if (operations && known) {
      // Most recently used last.
      this.compiled.delete(document);
      this.compiled.set(document, operations);
      return known;
    }
    if (operations && operations.size >= OPERATIONS_PER_DOCUMENT) return 'interpreted';
    const counts = this.countsOf(document);
    const seen = counts.get(name) ?? 0;
    if (seen === NEVER) return 'interpreted';
    if (seen + 1 < this.policy.after || !this.budget.allows(this.now())) {
      counts.set(name, seen + 1);
      return 'interpreted';
    }
    const compiled = this.compile(document, operation, source);
    if (compiled === null) {
      counts.set(name, NEVER);
      return 'interpreted';
    }
    counts.delete(name);
    const kept = operations ?? new Map<string, CompiledQuery>();
    kept.set(name, compiled);
    this.compiled.delete(document);
    this.compiled.set(document, kept);
    if (this.compiled.size > this.capacity) this.compiled.delete(this.compiled.keys().next().value!);
    return compiled;
  }

  /** A document's execution counts (the oldest document's out first past RUN_COUNTERS). */
  private countsOf(document: DocumentNode): Map<string, number> {
    let counts = this.runs.get(document);
    if (!counts) {
      counts = new Map();
      this.runs.set(document, counts);
      if (this.runs.size > RUN_COUNTERS) this.runs.delete(this.runs.keys().next().value!);
    }
    return counts;
  }

  /** The compiled query, or null when graphql-js must always run it. */
  private compile(document: DocumentNode, operation: OperationDefinitionNode, source: string): CompiledQuery | null {
    const name = operation.name?.value;
    const started = this.now();
    try {
      // Only the text Apollo parsed and validated: what is checked below is then what it validated.
      if (document.loc?.source.body !== source) return null;
      // A private parse: graphql-jit writes into the nodes it compiles, and Apollo shares its document.
      const own = parse(source);
      const ownOperation = own.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name);
      if (!ownOperation || notCompilable(own, ownOperation) !== null) return null;
      if (compiledFields(this.schema, own, ownOperation, this.maxFields) > this.maxFields) return null;
      const compiled = compileQuery(this.schema, own, name, { useExperimentalPathBasedSkipInclude: true });
      if (isCompiledQuery(compiled)) return compiled;
      logger.warn({ operation: name ?? null, errors: compiled.errors?.map((e) => e.message) }, 'graphql-jit did not compile a query; graphql-js runs it');
      return null;
    } catch (err) {
      logger.warn({ operation: name ?? null, err }, 'graphql-jit failed to compile a query; graphql-js runs it');
      return null;
    } finally {
      this.budget.charge(this.now() - started);
    }
  }
}

/** A query's default variable values, as a client would send them (graphql-jit refuses a missing `ID! = "…"`). */
const defaultsByOperation = new WeakMap<OperationDefinitionNode, [string, unknown][]>();

function withDefaults(operation: OperationDefinitionNode, variables: Record<string, unknown>): Record<string, unknown> {
  let defaults = defaultsByOperation.get(operation);
  if (!defaults) {
    defaults = (operation.variableDefinitions ?? []).filter((d) => d.defaultValue).map((d) => [d.variable.name.value, valueFromASTUntyped(d.defaultValue!)]);
    defaultsByOperation.set(operation, defaults);
  }
  const missing = defaults.filter(([name]) => !Object.hasOwn(variables, name));
  return missing.length === 0 ? variables : { ...Object.fromEntries(missing), ...variables };
}

/**
 * A graphql-js error from one of graphql-jit's: its errors leave `extensions` undefined when the original
 * error has none, and Apollo reads `extensions.code` of every error.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const rebuilt = new GraphQLError(error.message, { path: error.path, originalError: error.originalError ?? undefined, extensions: error.extensions ?? {} });
  (rebuilt as { locations: GraphQLError['locations'] }).locations = error.locations;
  return rebuilt;
}

export interface OperationRequest {
  document: DocumentNode;
  /** The operation Apollo found; undefined when none is named as the client asked. */
  operation: OperationDefinitionNode | undefined;
  /** The operation name the client asked for. */
  operationName: string | null | undefined;
  /** The document's text. */
  source: string;
  variables: Record<string, unknown> | undefined;
  context: unknown;
}

/**
 * Runs one operation: compiled when it can be, else graphql-js. A compiled run that ends without data (it
 * refused the variables before any resolver ran) is run again by graphql-js, whose variable errors Apollo
 * reads as BAD_USER_INPUT, and which accepts whatever variables the specification does. An operation Apollo
 * could not find in the document goes to graphql-js, which names the problem.
 */
export async function runOperation(documents: CompiledDocuments, schema: GraphQLSchema, request: OperationRequest): Promise<ExecutionResult> {
  const { document, operation, operationName, source, variables, context } = request;
  const interpreted = () => execute({ schema, document, operationName, variableValues: variables, contextValue: context });
  const compiled = operation ? documents.get(document, operation, source) : 'interpreted';
  if (compiled === 'interpreted') return interpreted();
  const result = await compiled.query(undefined, context, withDefaults(operation!, variables ?? {}));
  if (result.data === undefined) return interpreted();
  return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
}

/** Apollo's gateway interface around a schema whose operations run through `runOperation`. */
export function compiledExecution(schema: GraphQLSchema, policy: CompilePolicy): GatewayInterface {
  const documents = new CompiledDocuments(schema, policy);
  const listeners = new Set<GatewaySchemaLoadOrUpdateCallback>();
  const executor: GatewayExecutor = (requestContext) =>
    runOperation(documents, schema, {
      document: requestContext.document,
      operation: requestContext.operation,
      // The name the client asked for (Apollo's own `operationName` is the name of the operation it found).
      operationName: requestContext.request.operationName,
      source: requestContext.source,
      variables: requestContext.request.variables,
      context: requestContext.context,
    }) as ReturnType<GatewayExecutor>;
  return {
    onSchemaLoadOrUpdate(callback) {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    async load() {
      const sdl = printSchema(schema);
      for (const listener of listeners) listener({ apiSchema: schema, coreSupergraphSdl: sdl });
      return { executor };
    },
    async stop() {
      listeners.clear();
    },
  };
}
