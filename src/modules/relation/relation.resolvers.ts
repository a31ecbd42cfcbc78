/**
 * Resolvers for relations and provenance: endpoints and articles come from the planner's compiled row when
 * present (see src/planner), else from the per-request loaders; sources always from the source loader.
 */
import type { Context } from '../../context.js';
import { intInRange } from '../../graphql/arguments.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import { normaliseWhitespace } from '../../model/model.js';
import type { GraphQLResolveInfo } from 'graphql';
import { NOT_PLANNED, plannedValue } from '../../planner/planned.js';
import type { EntityRow } from '../entity/entity.mappers.js';
import type { RelationRow } from './relation.mappers.js';
import { basisOf, dateValueOf, premisesOf, provenanceOf, qualifiersOf } from './relation.provenance.js';
import { nodeOrNotFound } from '../suggestion/not-found.js';
import { wholeListCall } from '../entity/entity.fields.js';
import { RELATIONS_PAGE, RELATIONS_PER_FIELD } from '../../planner/planner.js';

/** An endpoint the planner compiled into this relation row, else the node loader. */
const plannedEndpoint = (id: string) => (rel: RelationRow, _args: unknown, ctx: Context, info: GraphQLResolveInfo) => {
  const planned = plannedValue(rel, info);
  return planned !== NOT_PLANNED ? (planned as EntityRow) : nodeOrNotFound(ctx, id === 'from' ? rel.from : rel.to);
};

/** MeetingInstrument.articles: the instrument's DEVELOPED_UNDER ends, by name (without case, then id), cut at the typed lists' cap. */
const ARTICLES = { types: ['DEVELOPED_UNDER'], direction: 'out', kind: null, byName: true } as const;
const ARTICLES_WHOLE = { ...wholeListCall({ types: [...ARTICLES.types], direction: ARTICLES.direction }, RELATIONS_PAGE.max), on: 'the instrument' };

/** The first RELATIONS_PER_FIELD of the fetched articles (one more was fetched), with LIST_TRUNCATED when one was cut. */
function cutArticles<T>(fetched: T[], ctx: Context, info: GraphQLResolveInfo): T[] {
  if (fetched.length <= RELATIONS_PER_FIELD) return fetched;
  ctx.warnings.listTruncated(info, RELATIONS_PER_FIELD, ARTICLES_WHOLE);
  return fetched.slice(0, RELATIONS_PER_FIELD);
}

/** The loader path: fetched and ordered as the planner fetches them (by name, cap plus one). */
async function articlesOf(instrumentId: string, ctx: Context, info: GraphQLResolveInfo) {
  const views = await ctx.loaders.typedRelations.load({ id: instrumentId, ...ARTICLES });
  return cutArticles(views, ctx, info).map((v) => v.other);
}

export const relationResolvers: Resolvers = {
  Relation: {
    type: (rel) => rel.type,
    from: plannedEndpoint('from'),
    to: plannedEndpoint('to'),
    date: (rel) => dateValueOf(rel.props, 'date'),
    properties: (rel) => qualifiersOf(rel.props),
    sources: (rel) => provenanceOf(rel.props),
    basis: (rel) => basisOf(rel.props),
    reasoning: (rel) => (basisOf(rel.props) === 'INFERRED' ? String(rel.props.reasoning ?? '') : null),
    premises: (rel) => premisesOf(rel.props),
    version: (rel) => Number(rel.props.version ?? 1),
  },
  RoleHolding: {
    organisation: plannedEndpoint('from'),
    role: plannedEndpoint('to'),
    sequence: (rel) => (rel.props.sequence as number | undefined) ?? null,
    current: (rel) => (rel.props.current as boolean | undefined) ?? null,
    attested: (rel) => dateValueOf(rel.props, 'date'),
    basis: (rel) => basisOf(rel.props),
    sources: (rel) => provenanceOf(rel.props),
  },
  MeetingInstrument: {
    instrument: plannedEndpoint('from'),
    relation: (rel: RelationRow) => rel.type,
    articles: (rel, _args, ctx, info) => {
      const planned = plannedValue(rel, info);
      return planned !== NOT_PLANNED ? cutArticles(planned as EntityRow[], ctx, info) : articlesOf(rel.from, ctx, info);
    },
    basis: (rel) => basisOf(rel.props),
    sources: (rel) => provenanceOf(rel.props),
  },
  Provenance: {
    source: (p, _args, ctx) => ctx.loaders.source.load(p.sourceId).then((s) => s!),
    context: async (p, args, ctx) => {
      const chars = intInRange('chars', args.chars, 0, 1000, 200);
      const source = await ctx.loaders.source.load(p.sourceId);
      if (!source) return null;
      const text = source.normText ?? normaliseWhitespace(source.text);
      const offset = text.indexOf(p.quote);
      if (offset < 0) return null;
      return {
        before: text.slice(Math.max(0, offset - chars), offset),
        quote: p.quote,
        after: text.slice(offset + p.quote.length, offset + p.quote.length + chars),
        offset,
      };
    },
  },
};

export { articlesOf };
