/** Mutations and the audit trail. Each resolver checks the caller's role, then hands over to the repository. */
import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import type { Actor, Role } from '../../auth/api-keys.js';
import type { Context } from '../../context.js';
import { apiError, badInput, echo, ErrorCode } from '../../errors.js';
import { connectionOf, decodeAfter, pageSize } from '../../graphql/pagination.js';
import type { Resolvers } from '../../generated/resolvers-types.js';

function requireRole(ctx: Context, role: Role, what = 'This change'): Actor {
  if (ctx.auth === null) throw apiError(ErrorCode.Unauthenticated, `${what} needs an API key: send "Authorization: Bearer <key>".`);
  if (ctx.auth === 'invalid') throw apiError(ErrorCode.Unauthenticated, 'The API key is not valid (unknown, revoked or malformed).');
  if (role === 'admin' && ctx.auth.role !== 'admin') throw apiError(ErrorCode.Forbidden, `${what} needs the admin role; key "${ctx.auth.name}" is ${ctx.auth.role}.`);
  return ctx.auth;
}

/** A full ISO 8601 date-time with its zone, e.g. 2024-05-01T00:00:00Z; every field in range. */
const isoMoment = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function parseSince(since: string): string {
  const m = isoMoment.exec(since);
  const [, y, mo, d, h, mi, sec] = m ?? [];
  const real = m && Number(mo) >= 1 && Number(mo) <= 12 && Number(d) >= 1 && Number(d) <= new Date(Date.UTC(Number(y), Number(mo), 0)).getUTCDate() && Number(h) <= 23 && Number(mi) <= 59 && Number(sec ?? 0) <= 59;
  if (!real) throw badInput('since', `must be a full ISO 8601 date-time with its zone, such as 2024-05-01T00:00:00Z; got "${echo(since, 40)}".`);
  return new Date(since).toISOString();
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
    importBundle: (_root, { bundle }, ctx) => ctx.curation.importBundle(bundle, requireRole(ctx, 'editor'), { readFiles: false }),
  },
  Query: {
    changes: async (_root, args, ctx) => {
      requireRole(ctx, 'editor', 'The audit trail');
      const limit = pageSize(args.first, 50);
      const skip = decodeAfter(args.after);
      const since = args.since ? parseSince(args.since) : null;
      const { total, changes } = await ctx.curation.changes({ since, target: args.target ?? null, skip, limit });
      return connectionOf(changes, skip, total);
    },
    refusals: async (_root, args, ctx) => {
      requireRole(ctx, 'admin', 'The list of refusals');
      const limit = pageSize(args.first, 50);
      const skip = decodeAfter(args.after);
      const { total, refusals } = await ctx.refusals.list(skip, limit);
      return connectionOf(refusals, skip, total);
    },
  },
};
