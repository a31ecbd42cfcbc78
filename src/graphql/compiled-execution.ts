/**
 * Executes operations with graphql-jit instead of graphql-js's interpreter, behind Apollo's gateway
 * interface (the one way Apollo Server lets a server bring its own executor; everything before execution
 * stays Apollo's: parsing, validation, the limits, the plugins, the error formatting).
 *
 * Why: graphql-js builds an info object, argument values and a response path for every field of every
 * object, and the planner's answers are wide (the nested list of 100 meetings resolves about 700 objects).
 * graphql-jit turns an operation into one JavaScript function per document, once, and runs that. Measured
 * without a database on the nested list's shape (bench/README.md): 1.14 ms per execution in graphql-js,
 * 0.08 ms in graphql-jit, the same JSON.
 *
 * What it costs, and the guards:
 * - graphql-jit writes a document's literal argument values into the code it generates, and turns a string
 *   that contains its private markers (`__MAGIC_DATE__…` and the like) back into code. A client's string
 *   literal can therefore run code on this server (shown by a test). A document that has any string
 *   literal containing `__MAGIC` is executed by graphql-js instead, as are documents graphql-jit cannot
 *   compile. Variables are never written into code: they are values the compiled function reads.
 * - Compiling costs more than one interpreted execution, and every document a client sends would keep its
 *   compiled function. The compiled functions are kept for the last COMPILED_DOCUMENTS documents (least
 *   recently used first out), by the parsed document Apollo's document store hands back for the same text.
 * - A resolver of a list must give a failed item as the error itself, not a rejected promise: graphql-jit
 *   then appends a second null to the list (a test shows it).
 * - graphql-jit refuses variables graphql-js accepts (a missing non-null variable that has a default), and
 *   reports invalid ones with its own errors. Defaults are filled in before it runs; when it still refuses,
 *   graphql-js runs the operation, so a bad variable is answered as before (BAD_USER_INPUT, HTTP 400).
 */
import type { GatewayExecutor, GatewayInterface, GatewaySchemaLoadOrUpdateCallback } from '@apollo/server-gateway-interface';
import { BREAK, execute, printSchema, valueFromASTUntyped, visit, type DocumentNode, type ExecutionResult, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/** How many documents keep their compiled functions. */
export const COMPILED_DOCUMENTS = 500;

/** Whether a document may be compiled: none of its string literals carries graphql-jit's code markers. */
export function compilable(document: DocumentNode): boolean {
  let safe = true;
  visit(document, {
    StringValue(node) {
      if (node.value.includes('__MAGIC')) {
        safe = false;
        return BREAK;
      }
      return undefined;
    },
  });
  return safe;
}

/** An operation's state: how often it ran interpreted, or its compiled function, or 'never' (graphql-js runs it). */
type Entry = { runs: number } | CompiledQuery | 'never';

/** Compiling time spent in the current second, against its allowance. */
class Budget {
  private second = 0;
  private spent = 0;

  constructor(private readonly msPerSecond: number) {}

  allows(now: number): boolean {
    const second = Math.floor(now / 1000);
    if (second !== this.second) {
      this.second = second;
      this.spent = 0;
    }
    return this.spent < this.msPerSecond;
  }

  charge(ms: number): void {
    this.spent += ms;
  }
}

export interface CompilePolicy {
  /** The execution of a document that compiles it (1: the first); 0 never compiles. */
  after: number;
  /** Compiling time allowed per second, all documents together. */
  budgetMsPerSecond: number;
  /** How many documents keep their entries. */
  capacity?: number;
  /** Milliseconds, for the budget's seconds (tests set it). */
  clock?: () => number;
}

/**
 * Compiled operations by document (least recently used first out), then operation name. A document is
 * compiled at its `after`-th execution, when the second's compiling budget allows: a document sent once
 * (a query typed in the editor, or an attacker's stream of distinct documents) never costs a compilation,
 * and however many arrive, compiling takes at most `budgetMsPerSecond` of each second.
 */
export class CompiledDocuments {
  private readonly byDocument = new Map<DocumentNode, Map<string, Entry>>();
  private readonly budget: Budget;
  private readonly capacity: number;
  private readonly now: () => number;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly policy: CompilePolicy,
  ) {
    this.budget = new Budget(policy.budgetMsPerSecond);
    this.capacity = policy.capacity ?? COMPILED_DOCUMENTS;
    this.now = policy.clock ?? (() => performance.now());
  }

  get size(): number {
    return this.byDocument.size;
  }

  /** The compiled operation, or 'interpreted' when graphql-js runs it this time. */
  get(document: DocumentNode, operationName: string | null | undefined): CompiledQuery | 'interpreted' {
    if (this.policy.after === 0) return 'interpreted';
    let operations = this.byDocument.get(document);
    if (operations) {
      // Most recently used last.
      this.byDocument.delete(document);
      this.byDocument.set(document, operations);
    } else {
      operations = new Map();
      this.byDocument.set(document, operations);
      if (this.byDocument.size > this.capacity) this.byDocument.delete(this.byDocument.keys().next().value!);
    }
    const name = operationName ?? '';
    const entry = operations.get(name) ?? { runs: 0 };
    if (entry === 'never') return 'interpreted';
    if (!('runs' in entry)) return entry;
    if (entry.runs + 1 >= this.policy.after && this.budget.allows(this.now())) {
      const compiled = this.compile(document, operationName ?? undefined);
      operations.set(name, compiled);
      return compiled === 'never' ? 'interpreted' : compiled;
    }
    operations.set(name, { runs: entry.runs + 1 });
    return 'interpreted';
  }

  private compile(document: DocumentNode, operationName: string | undefined): CompiledQuery | 'never' {
    if (!compilable(document)) return 'never';
    const started = this.now();
    try {
      const compiled = compileQuery(this.schema, document, operationName);
      return isCompiledQuery(compiled) ? compiled : 'never';
    } catch {
      return 'never';
    } finally {
      this.budget.charge(this.now() - started);
    }
  }
}

/** A document's default variable values, as a client would send them (graphql-jit refuses a missing `ID! = "…"`). */
const defaultsByOperation = new WeakMap<OperationDefinitionNode, [string, unknown][]>();

function withDefaults(operation: OperationDefinitionNode, variables: Record<string, unknown>): Record<string, unknown> {
  let defaults = defaultsByOperation.get(operation);
  if (!defaults) {
    defaults = (operation.variableDefinitions ?? []).filter((d) => d.defaultValue).map((d) => [d.variable.name.value, valueFromASTUntyped(d.defaultValue!)]);
    defaultsByOperation.set(operation, defaults);
  }
  const missing = defaults.filter(([name]) => !(name in variables));
  return missing.length === 0 ? variables : { ...Object.fromEntries(missing), ...variables };
}

/**
 * Runs one operation: compiled when it can be, else graphql-js. A compiled run that ends without data (it
 * refused the variables before any resolver ran) is run again by graphql-js, whose variable errors Apollo
 * reads as BAD_USER_INPUT, and which accepts whatever variables the specification does. An operation Apollo
 * could not find in the document (none named so) goes to graphql-js, which names the problem.
 */
export async function runOperation(
  documents: CompiledDocuments,
  schema: GraphQLSchema,
  request: { document: DocumentNode; operation: OperationDefinitionNode | undefined; operationName: string | null | undefined; variables: Record<string, unknown> | undefined; context: unknown },
): Promise<ExecutionResult> {
  const { document, operation, operationName, variables, context } = request;
  const interpreted = () => execute({ schema, document, operationName, variableValues: variables, contextValue: context });
  const compiled = operation ? documents.get(document, operation.name?.value) : 'interpreted';
  if (compiled === 'interpreted') return interpreted();
  const result = await compiled.query(undefined, context, withDefaults(operation!, variables ?? {}));
  return result.data === undefined ? interpreted() : result;
}

/** Apollo's gateway interface around a schema whose operations run through `runOperation`. */
export function compiledExecution(schema: GraphQLSchema, policy: CompilePolicy): GatewayInterface & { documents: CompiledDocuments } {
  const documents = new CompiledDocuments(schema, policy);
  const listeners = new Set<GatewaySchemaLoadOrUpdateCallback>();
  const executor: GatewayExecutor = (requestContext) =>
    runOperation(documents, schema, {
      document: requestContext.document,
      operation: requestContext.operation,
      // The name the client asked for (Apollo's own `operationName` is the name of the operation it found).
      operationName: requestContext.request.operationName,
      variables: requestContext.request.variables,
      context: requestContext.context,
    }) as ReturnType<GatewayExecutor>;
  return {
    documents,
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
