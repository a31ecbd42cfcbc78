/** Ranked search: exact name and alias matches first, then full-text hits; one Cypher statement per page. */
import { badInput } from '../../errors.js';
import { connectionOf, decodeAfter, pageSize, textArg } from '../../graphql/arguments.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import type { EntityRow } from '../entity/entity.mappers.js';
import type { SearchHitModel } from './search.mappers.js';
import { luceneQuery, matchedPassage } from './search.query.js';

/** Hits ranked per request; pages beyond this are not offered. */
const MAX_HITS = 500;

export const searchResolvers: Resolvers = {
  Query: {
    search: async (_root, args, ctx) => {
      const text = textArg('query', args.query, 1, 200);
      const limit = pageSize(args.first);
      const skip = decodeAfter(args.after);
      const { query, terms, key } = luceneQuery(text);
      if (!query) throw badInput('query', 'must contain at least one letter or digit.');
      const [row] = await ctx.executor.read('queries/search/search', { query, key, kinds: args.kinds ?? null, fetch: MAX_HITS, skip, limit }, ctx.counter);
      const page = ((row?.page ?? []) as { node: EntityRow; score: number; exact: boolean }[]).map((h): SearchHitModel => {
        ctx.loaders.node.prime(h.node.id, h.node);
        return { nodeId: h.node.id, score: Number(h.score), exact: Boolean(h.exact), ...matchedPassage(h.node, terms, key) };
      });
      return connectionOf(page, skip, Number(row?.total ?? 0));
    },
  },
  SearchHit: {
    node: (h, _args, ctx) => ctx.loaders.node.load(h.nodeId).then((n) => n!),
  },
};
