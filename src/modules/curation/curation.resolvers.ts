/** Mutations and the audit trail. Each resolver checks the caller's role, then hands over to the repository. */
import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import type { Actor, Role } from '../../auth/api-keys.js';
import type { Context } from '../../context.js';
import { apiError, badInput, ErrorCode } from '../../errors.js';
import { connectionOf, decodeAfter, pageSize } from '../../graphql/arguments.js';
import type { Resolvers } from '../../generated/resolvers-types.js';

function requireRole(ctx: Context, role: Role): Actor {
  if (ctx.auth === null) throw apiError(ErrorCode.Unauthenticated, 'Changes need an API key: send "Authorization: Bearer <key>".');
  if (ctx.auth === 'invalid') throw apiError(ErrorCode.Unauthenticated, 'The API key is not valid (unknown, revoked or malformed).');
  if (role === 'admin' && ctx.auth.role !== 'admin') throw apiError(ErrorCode.Forbidden, `This change needs the admin role; key "${ctx.auth.name}" is ${ctx.auth.role}.`);
  return ctx.auth;
}

function literal(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literal(f.value)]));
    case Kind.LIST:
      return ast.values.map(literal);
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    default:
      throw badInput('bundle', 'variables are not allowed inside a JSON literal; pass the bundle as a variable.');
  }
}

const JSONObject = new GraphQLScalarType({
  name: 'JSONObject',
  description: 'A JSON object.',
  serialize: (value) => value,
  parseValue: (value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badInput('bundle', 'must be a JSON object.');
    return value;
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.OBJECT) throw badInput('bundle', 'must be a JSON object.');
    return literal(ast);
  },
});

export const curationResolvers: Resolvers = {
  JSONObject,
  Mutation: {
    registerSource: (_root, { input }, ctx) => ctx.curation.registerSource(input, requireRole(ctx, 'editor')),
    createEntity: (_root, { input }, ctx) => ctx.curation.createEntity(input, requireRole(ctx, 'editor')),
    updateEntity: (_root, { id, version, patch, provenance }, ctx) => ctx.curation.updateEntity(id, version, patch, provenance, requireRole(ctx, 'editor')),
    createRelation: (_root, { input }, ctx) => ctx.curation.createRelation(input, requireRole(ctx, 'editor')),
    retireEntity: (_root, { id, version, reason }, ctx) => ctx.curation.retireEntity(id, version, reason, requireRole(ctx, 'admin')),
    retireRelation: (_root, { id, version, reason }, ctx) => ctx.curation.retireRelation(id, version, reason, requireRole(ctx, 'admin')),
    importBundle: (_root, { bundle }, ctx) => ctx.curation.importBundle(bundle, requireRole(ctx, 'editor')),
  },
  Query: {
    changes: async (_root, args, ctx) => {
      const limit = pageSize(args.first, 50);
      const skip = decodeAfter(args.after);
      if (args.since && Number.isNaN(Date.parse(args.since))) throw badInput('since', `must be an ISO 8601 date-time; got "${args.since}".`);
      const since = args.since ? new Date(args.since).toISOString() : null;
      const { total, changes } = await ctx.curation.changes({ since, target: args.target ?? null, skip, limit });
      return connectionOf(changes as never[], skip, total);
    },
  },
};
