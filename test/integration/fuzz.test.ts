/**
 * A generated fuzz corpus over real HTTP: every operation the project publishes (the examples and the
 * explorer's operations, from persisted-operations.json) is mutated by a seeded generator (wrong variable
 * types, huge and negative numbers, odd Unicode, injection strings, truncated documents, alias floods,
 * deep nesting, unknown fields, odd literals) and sent to the server. Every answer must be a coded
 * GraphQL error or data, never a 5xx, never a stack trace, within the query timeout; the server is
 * healthy afterwards. The seed is fixed so a failure reproduces; FUZZ_SEED=<n> explores another corpus.
 */
import { Kind, parse, print, visit, type DocumentNode, type OperationDefinitionNode, type TypeNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/prng.js';
import { readManifest } from '../../src/graphql/trusted-operations.js';
import { sharedApp } from '../support/graph.js';

const seed = Number(process.env.FUZZ_SEED ?? 20261129);
const timeoutMs = 15_000;

// mulberry32 (src/prng.ts), so the corpus is the same on every run.
const random = mulberry32(seed);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const hostileStrings = [
  '',
  ' ',
  'x'.repeat(50_000),
  'é'.repeat(5_000),
  '\u0000',
  '\ud800',
  '\u202e\u0627\u0644\u062a\u062c\u0627\u0631\u0629',
  '\u200b\u200b\u200b',
  '💥'.repeat(2_000),
  'Ǆ̴̡̛̲̪̗̫̓̎̾̈́',
  "x'}) MATCH (n) DETACH DELETE n //",
  '$where: {a: 1}',
  '../../../../etc/passwd',
  '.keys.json',
  '<script>alert(1)</script>',
  '*:*',
  'AND OR NOT ~ ^ [ { ( " \\',
  '2020-13-45',
  '-0001-01-01',
  'instrument:spa-2',
];
const hostileNumbers = [-1, 0, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, 0.5, -0.0];
const otherShapes: unknown[] = [null, true, {}, [], [[[]]], { $ne: 1 }, ['a', 1, null]];

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/** A value of the wrong shape, or of the right shape with a hostile content, for a variable of `type`. */
function hostileValue(type: TypeNode): unknown {
  const name = namedType(type);
  const roll = random();
  if (roll < 0.3) return pick(otherShapes);
  if (roll < 0.45) return pick(hostileNumbers);
  if (type.kind === Kind.LIST_TYPE || (type.kind === Kind.NON_NULL_TYPE && type.type.kind === Kind.LIST_TYPE)) {
    return Array.from({ length: 1 + Math.floor(random() * 3) }, () => (random() < 0.5 ? pick(hostileStrings) : pick(hostileNumbers)));
  }
  if (name === 'Int' || name === 'Float') return random() < 0.5 ? pick(hostileNumbers) : pick(hostileStrings);
  if (name === 'Boolean') return pick(['true', 1, null, 'yes']);
  return pick(hostileStrings);
}

/** Rewrites every literal of the document: strings become hostile strings, numbers hostile numbers. */
function hostileLiterals(document: DocumentNode): string {
  return print(
    visit(document, {
      StringValue: (node) => ({ ...node, value: pick(hostileStrings).slice(0, 2_000), block: false }),
      IntValue: (node) => ({ ...node, value: String(pick([-1, 0, 2 ** 31, 10_000, 999_999_999])) }),
    }),
  );
}

/** The first root field repeated under `count` aliases. */
function aliasFlood(operation: OperationDefinitionNode, count: number): string {
  const root = operation.selectionSet.selections[0];
  if (!root || root.kind !== Kind.FIELD) return print(operation);
  const selections = Array.from({ length: count }, (_, i) => ({ ...root, alias: { kind: Kind.NAME, value: `a${i}` } as const }));
  return print({ ...operation, selectionSet: { ...operation.selectionSet, selections } });
}

/** Nests the selection inside `relations { to { ... } }` levels until it is deeper than any limit. */
function deepNesting(levels: number): string {
  return `{ node(id: "instrument:spa-2") { ${'relations { to { '.repeat(levels)}id${' } }'.repeat(levels)} } }`;
}

interface Case {
  name: string;
  body: string;
}

function corpus(): Case[] {
  const cases: Case[] = [];
  for (const [hash, text] of readManifest()) {
    const document = parse(text);
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    const name = operation.name?.value ?? hash.slice(0, 8);
    const variables = operation.variableDefinitions ?? [];
    const send = (label: string, query: string, vars?: unknown) =>
      cases.push({ name: `${name}: ${label}`, body: JSON.stringify({ query, variables: vars, operationName: operation.name?.value }) });

    for (let i = 0; i < Math.max(5, variables.length * 3); i++) {
      const vars: Record<string, unknown> = {};
      for (const v of variables) if (random() < 0.7) vars[v.variable.name.value] = hostileValue(v.type);
      send(`hostile variables #${i}`, text, vars);
    }
    send('hostile literals', hostileLiterals(document));
    send('truncated document', text.slice(0, Math.floor(random() * text.length)));
    send('alias flood', aliasFlood(operation, 16));
    send('alias pair within limits', aliasFlood(operation, 2));
    send('unknown field', text.replace('{', '{ __nope_' + Math.floor(random() * 1000) + ' '));
    send('variables of the wrong container', text, pick<unknown>([[1, 2], 'x', 7]));
    cases.push({ name: `${name}: an operation name that is not in the document`, body: JSON.stringify({ query: text, operationName: 'Nope' }) });
    cases.push({ name: `${name}: sent twice in one document`, body: JSON.stringify({ query: `${text}\n${text}` }) });
  }
  for (const levels of [3, 6, 12, 40]) cases.push({ name: `nesting ${levels} levels`, body: JSON.stringify({ query: deepNesting(levels) }) });
  return cases;
}

const cases = corpus();
const suite = sharedApp({ listen: true });

describe(`generated fuzz corpus (seed ${seed})`, () => {
  it('has at least 200 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
  });

  it('answers every case with data or coded errors: no 5xx, no stack trace, no internal error, in time', { timeout: 600_000 }, async () => {
    const failures: string[] = [];
    const queue = [...cases];
    const worker = async () => {
      for (let c = queue.shift(); c; c = queue.shift()) {
        const started = Date.now();
        let status = 0;
        let text = '';
        try {
          const res = await fetch(`${suite.base}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
            body: c.body,
            signal: AbortSignal.timeout(timeoutMs),
          });
          status = res.status;
          text = await res.text();
        } catch (error) {
          failures.push(`${c.name}: no answer within ${timeoutMs} ms (${(error as Error).name})`);
          continue;
        }
        const ms = Date.now() - started;
        let json: { data?: unknown; errors?: { extensions?: { code?: unknown } }[] } | null = null;
        try {
          json = JSON.parse(text);
        } catch {
          /* checked below */
        }
        const codes = json?.errors?.map((e) => e.extensions?.code) ?? [];
        if (status >= 500) failures.push(`${c.name}: HTTP ${status} ${text.slice(0, 200)}`);
        else if (!json || (json.data === undefined && !json.errors)) failures.push(`${c.name}: not a GraphQL answer (${status}) ${text.slice(0, 120)}`);
        else if (codes.some((code) => typeof code !== 'string')) failures.push(`${c.name}: an error without a code ${text.slice(0, 200)}`);
        else if (codes.includes('INTERNAL_SERVER_ERROR')) failures.push(`${c.name}: INTERNAL_SERVER_ERROR ${text.slice(0, 200)}`);
        if (/at .+\.(js|ts):\d+:\d+/.test(text)) failures.push(`${c.name}: a stack trace in the answer`);
        if (ms > timeoutMs) failures.push(`${c.name}: took ${ms} ms`);
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    expect(failures).toEqual([]);
  });

  it('leaves the server healthy and the graph unharmed', async () => {
    expect((await fetch(`${suite.base}/health`)).status).toBe(200);
    const res = await fetch(`${suite.base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ node(id: "place:hanoi") { name } }' }) });
    expect((await res.json()).data.node.name).toBe('Hanoi');
  });
});
