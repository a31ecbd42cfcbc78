/**
 * Ranked search: the query checked and turned into Lucene here, one page read by the repository, with
 * each hit's entity projected for the selection (the planner compiles it; partial rows, never primed into
 * the node loader) and the passage fields read only when a hit's `field` or `passage` is selected.
 */
import { badInput } from '../../errors.js';
import { textArg } from '../../graphql/arguments.js';
import { pageOf, pageRequest } from '../../graphql/pagination.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import { compiledAround } from '../../planner/planner.js';
import { luceneQuery } from './search.query.js';
import { searchShape, searchText } from './search.repository.js';
import type { SearchHitModel } from './search.mappers.js';

/** A hit's field or passage, which the statement returns whenever either is selected. */
function matched(h: SearchHitModel): { field: string; passage: string } {
  if (!h.matched) throw new Error('search: a hit\'s passage was read but not selected when the statement was compiled');
  return h.matched;
}

export const searchResolvers: Resolvers = {
  Query: {
    search: async (_root, args, ctx, info) => {
      const text = textArg('query', args.query, 1, 200);
      const request = pageRequest(args, info);
      const { query, terms, key } = luceneQuery(text);
      if (!query) throw badInput('query', 'must contain at least one letter or digit.');
      const kinds = args.kinds ?? null;
      const statement = compiledAround(info, searchShape(kinds !== null, request.total), (compiler) => {
        const hitFields = compiler.fieldNames(['edges', 'node']);
        return searchText(kinds !== null, request.total, { node: compiler.entity('node', [['edges', 'node', 'node']]), passage: hitFields.has('field') || hitFields.has('passage') });
      });
      const q = { query, terms, key, kinds, skip: request.skip, limit: request.fetch, total: request.total };
      const page = await ctx.search.search(q, statement);
      return pageOf(page.hits, request, page.total);
    },
  },
  SearchHit: {
    node: (h) => h.node,
    field: (h) => matched(h).field,
    passage: (h) => matched(h).passage,
  },
};
