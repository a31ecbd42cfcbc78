/**
 * The relation wiring table (RELATION_FIELDS, src/modules/entity/entity.fields.ts) against the SDL and the
 * curated data: every typed relation field the SDL declares has a row and every row a field; a single field
 * is a single row, a list a list; relation-row fields (RoleHolding, MeetingInstrument, Relation) read
 * relations, the others entities; and every relation the curated data holds lands, through each row that
 * reads it, on an entity of the field's declared type (a wrong direction or type would not).
 */
import { buildASTSchema, getNamedType, GraphQLObjectType, isInterfaceType, type GraphQLInterfaceType, isListType, isNonNullType, type GraphQLField, type GraphQLOutputType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { curatedFile } from '../../src/bundle/load.js';
import { readBundleFile } from '../../src/bundle/source-files.js';
import { validateBundle } from '../../src/bundle/validate.js';
import { typeDefs } from '../../src/graphql/schema.js';
import { NODE_KINDS, RELATION_TYPES } from '../../src/model/model.js';
import { RELATION_FIELDS, type FieldSpec } from '../../src/modules/entity/entity.fields.js';

const schema = buildASTSchema(typeDefs);
const ENTITY_TYPES = new Set<string>(NODE_KINDS);
/** Types whose values are relations (the relation's row), with the relation types each may carry. */
const RELATION_ROWS: Record<string, readonly string[]> = { Relation: RELATION_TYPES, RoleHolding: ['HOLDS_ROLE'], MeetingInstrument: ['SIGNED_AT', 'ADOPTED_AT'] };

const isList = (type: GraphQLOutputType) => isListType(isNonNullType(type) ? type.ofType : type);

/** Typed relation fields in the SDL: on an entity type, returning entities or relation rows (not `relations`, the generic one). */
function sdlRelationFields(): Map<string, GraphQLField<unknown, unknown>> {
  const out = new Map<string, GraphQLField<unknown, unknown>>();
  for (const kind of NODE_KINDS) {
    const type = schema.getType(kind) as GraphQLObjectType;
    for (const field of Object.values(type.getFields())) {
      const named = getNamedType(field.type);
      if (field.name === 'relations') continue;
      if (ENTITY_TYPES.has(named.name) || isInterfaceType(named) || named.name in RELATION_ROWS) out.set(`${kind}.${field.name}`, field);
    }
  }
  return out;
}

const tableRows = (): [string, FieldSpec][] => Object.entries(RELATION_FIELDS).flatMap(([type, fields]) => Object.entries(fields).map(([field, spec]): [string, FieldSpec] => [`${type}.${field}`, spec]));

describe('relation wiring table and SDL', () => {
  it('has a row for every typed relation field in the SDL, and no other', () => {
    const sdl = [...sdlRelationFields().keys()].sort();
    expect(sdl.length).toBeGreaterThan(50);
    expect(tableRows().map(([key]) => key).sort()).toEqual(sdl);
  });

  it('matches each field: single or list, entities or relation rows of the right types, the declared kind', () => {
    const fields = sdlRelationFields();
    const mismatches: string[] = [];
    for (const [key, spec] of tableRows()) {
      const field = fields.get(key)!;
      const named = getNamedType(field.type).name;
      if (Boolean(spec.one) === isList(field.type)) mismatches.push(`${key}: one=${Boolean(spec.one)} but the SDL type is ${String(field.type)}`);
      if (Boolean(spec.relations) !== named in RELATION_ROWS) mismatches.push(`${key}: relations=${Boolean(spec.relations)} but the SDL type is ${named}`);
      const allowed = RELATION_ROWS[named] ?? RELATION_TYPES;
      for (const t of spec.types) if (!allowed.includes(t)) mismatches.push(`${key}: ${t} is not a relation a ${named} can carry`);
      if (spec.kind && ENTITY_TYPES.has(named) && spec.kind !== named) mismatches.push(`${key}: kind ${spec.kind} but the SDL type is ${named}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('reaches, through each row, only entities of the declared type in the curated data, and every row reaches some', () => {
    const bundle = validateBundle(readBundleFile(curatedFile));
    const kindOf = new Map(bundle.nodes.map((n) => [n.id, n.kind]));
    const fields = sdlRelationFields();
    const wrong: string[] = [];
    const reached = new Set<string>();
    for (const r of bundle.relations) {
      for (const [direction, own, other] of [['out', r.from, r.to], ['in', r.to, r.from]] as const) {
        const ownKind = kindOf.get(own)!;
        const otherKind = kindOf.get(other)!;
        for (const [field, spec] of Object.entries(RELATION_FIELDS[ownKind] ?? {})) {
          if (spec.direction !== direction || !spec.types.includes(r.type as FieldSpec['types'][number]) || (spec.kind && spec.kind !== otherKind)) continue;
          const key = `${ownKind}.${field}`;
          reached.add(key);
          const sdlField = fields.get(key)!;
          const named = getNamedType(sdlField.type);
          // A relation row's far end is `from` or `to` of the row, which the row type declares as an entity type or Node.
          const target = named.name in RELATION_ROWS ? null : named;
          if (target && ENTITY_TYPES.has(target.name) && target.name !== otherKind) wrong.push(`${key} (${spec.direction} ${r.type}) reaches ${other}, a ${otherKind}, not a ${target.name}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    // Empty on purpose, as its description says: the page states no instrument establishing the Process.
    const emptyByDesign = ['Process.establishedBy'];
    const unreached = tableRows().map(([key]) => key).filter((key) => !reached.has(key));
    expect(unreached).toEqual(emptyByDesign);
  });
});

describe('the Node interface and its types agree', () => {
  // Execution reads a field's arguments from the concrete type, so a default that differs from the
  // interface's is the one that applies, whatever the interface documents.
  it('declares every interface field argument with the same type and default on every kind', () => {
    const node = schema.getType('Node') as GraphQLInterfaceType;
    const differences: string[] = [];
    for (const kind of NODE_KINDS) {
      const type = schema.getType(kind) as GraphQLObjectType;
      for (const field of Object.values(node.getFields())) {
        for (const arg of field.args) {
          const own = type.getFields()[field.name]?.args.find((a) => a.name === arg.name);
          const shape = (a: typeof arg | undefined) => (a ? [String(a.type), JSON.stringify(a.defaultValue ?? null)].join(' = ') : 'missing');
          if (shape(own) !== shape(arg)) differences.push(`${kind}.${field.name}(${arg.name}): ${shape(own)}, interface ${shape(arg)}`);
        }
      }
    }
    expect(differences).toEqual([]);
  });
});
