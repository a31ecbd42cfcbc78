/** Ranked search: the query checked and turned into Lucene here, one page read by the repository. */
import { badInput } from '../../errors.js';
import { textArg } from '../../graphql/arguments.js';
import { pageOf, pageRequest } from '../../graphql/pagination.js';
import type { Resolvers } from '../../generated/resolvers-types.js';
import { nodeOrNotFound } from '../suggestion/not-found.js';
import { luceneQuery } from './search.query.js';

export const searchResolvers: Resolvers = {
  Query: {
    search: async (_root, args, ctx, info) => {
      const text = textArg('query', args.query, 1, 200);
      const request = pageRequest(args, info);
      const { query, terms, key } = luceneQuery(text);
      if (!query) throw badInput('query', 'must contain at least one letter or digit.');
      const page = await ctx.search.search({ query, terms, key, kinds: args.kinds ?? null, skip: request.skip, limit: request.fetch, total: request.total });
      for (const node of page.entities) ctx.loaders.node.prime(node.id, node);
      return pageOf(page.hits, request, page.total);
    },
  },
  SearchHit: {
    node: (h, _args, ctx) => nodeOrNotFound(ctx, h.nodeId),
  },
};
