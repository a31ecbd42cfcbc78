/** Source documents. */
import { notFound } from '../../errors.js';
import type { Resolvers } from '../../generated/resolvers-types.js';

export const sourceResolvers: Resolvers = {
  Query: {
    sources: (_root, _args, ctx) => ctx.sources.all(),
    source: async (_root, { id }, ctx) => {
      const source = await ctx.loaders.source.load(id);
      if (!source) throw notFound('source', id);
      return source;
    },
  },
};
