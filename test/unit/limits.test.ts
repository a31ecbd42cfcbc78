/**
 * The cost estimate (src/graphql/limits.ts) against the compiled caps (src/planner): a list without a page
 * argument multiplies by the LIMIT its statement applies, so the cost limit describes the real work; and
 * the queries a researcher writes without `first` fit the default limit (issue 14).
 */
import { buildASTSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { costOf, listCap } from '../../src/graphql/limits.js';
import { typeDefs } from '../../src/graphql/schema.js';
import { RELATION_FIELDS } from '../../src/modules/entity/entity.fields.js';
import { LOOKUP_LIMIT, RELATIONS_PAGE, RELATIONS_PER_FIELD } from '../../src/planner/planner.js';

const schema = buildASTSchema(typeDefs);
const cost = (query: string, variables: Record<string, unknown> = {}) => costOf(schema, parse(query), variables, undefined);
const maxCost = loadConfig({}).limits.maxCost;

describe('cost multipliers are the compiled caps', () => {
  it('multiplies a typed relation list by the planner LIMIT, a single one by 1', () => {
    // node 1 + (instruments 1 + cap x (instrument 1 + id 1))
    expect(cost('{ node(id: "x") { ... on Meeting { instruments { instrument { id } } } } }')).toBe(1 + 1 + RELATIONS_PER_FIELD * 2);
    expect(cost('{ node(id: "x") { ... on Meeting { place { id } } } }')).toBe(1 + 1 + 1);
    expect(cost('{ node(id: "x") { ... on Meeting { instruments { articles { id } } } } }')).toBe(1 + 1 + RELATIONS_PER_FIELD * (1 + RELATIONS_PER_FIELD));
    for (const [type, fields] of Object.entries(RELATION_FIELDS)) {
      for (const [field, spec] of Object.entries(fields)) expect(listCap(type, field)).toBe(spec.one ? 1 : RELATIONS_PER_FIELD);
    }
  });

  it('multiplies relations by its first (default: the compiled default), lookup by its LIMIT, entities by first', () => {
    expect(cost('{ node(id: "x") { relations { id } } }')).toBe(1 + 1 + RELATIONS_PAGE.default * 1);
    expect(cost('{ node(id: "x") { relations(first: 7) { id } } }')).toBe(1 + 1 + 7 * 1);
    expect(cost('{ lookup(name: "x") { id } }')).toBe(1 + LOOKUP_LIMIT * 1);
    // edges do not multiply again: entities 1 + 30 x (edges 1 + (node 1 + id 1))
    expect(cost('{ entities(first: 30) { edges { node { id } } } }')).toBe(1 + 30 * (1 + 1 + 1));
  });
});

describe('queries written without first fit the default cost limit', () => {
  const ordinary: Record<string, string> = {
    'all plan areas with their relations and quotes':
      '{ entities(kind: PLAN_AREA) { totalCount edges { node { id name ... on PlanArea { plan { name } predecessors { type from { name } to { name } } successors { type to { name } } } relations { type from { id name } to { id name } sources { quote source { title } } } } } } }',
    'all meetings with their instruments and articles':
      '{ entities(kind: MEETING) { edges { node { name ... on Meeting { date { text } place { name } instruments { relation instrument { name } articles { name } } } } } } }',
    'every instrument with its sections, articles and signatories':
      '{ entities(kind: INSTRUMENT, from: "2004", to: "2015") { edges { node { name ... on Instrument { signatories { name } sections { name articles { name } } } } } } }',
    'a lookup with relations': '{ lookup(name: "SPA II") { id name relations { type to { id name } } } }',
    'three levels through fragments': 'query { node(id: "meeting:imm-2") { ...M } } fragment M on Node { id name ... on Meeting { instruments { instrument { ...I } } } } fragment I on Node { id name ... on Instrument { developedUnder { ...A } } } fragment A on Node { id name ... on Article { section { instrument { id name } } } }',
  };
  for (const [name, query] of Object.entries(ordinary)) {
    it(name, () => {
      const estimate = cost(query);
      expect(estimate).not.toBeNull();
      expect(estimate!).toBeLessThanOrEqual(maxCost);
    });
  }

  it('still refuses nested pages asked at their maximum', () => {
    expect(cost('{ entities(first: 100) { edges { node { relations(first: 500) { to { relations(first: 500) { id } } } } } } }')!).toBeGreaterThan(maxCost);
  });
});

describe('a cost that cannot be estimated is refused, not waved through', () => {
  /** `{ ...F<n> }` where each fragment spreads the one below it twice: 2^n fields in about 10 n tokens. */
  const doubling = (n: number) =>
    `query { node(id: "x") { ...F${n} } } fragment F0 on Node { id } ` + Array.from({ length: n }, (_, i) => `fragment F${i + 1} on Node { ...F${i} ...F${i} }`).join(' ');

  it('answers Infinity past graphql-query-complexity’s 10,000 nodes, null only when execution refuses first', () => {
    // node 1, and `id` once per path through the fragments (the estimate does not merge them).
    expect(cost(doubling(3))).toBe(1 + 2 ** 3);
    expect(cost(doubling(40))).toBe(Number.POSITIVE_INFINITY);
    // Invalid variables and an unknown operation: execution names those (BAD_USER_INPUT), before any resolver.
    expect(cost('query Q($id: ID!) { node(id: $id) { id } }', {})).toBeNull();
    expect(costOf(schema, parse('query A { node(id: "x") { id } }'), {}, 'B')).toBeNull();
  });
});
