import fs from 'node:fs';
import { assertInterfaceType, buildASTSchema, type GraphQLEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { parsePartialDate, parseRange } from '../../src/model/dates.js';
import { NODE_KIND_VALUES, NODE_KINDS, RELATION_TYPES, normaliseName } from '../../src/model/model.js';
import { typeDefs } from '../../src/graphql/schema.js';
import { luceneQuery } from '../../src/modules/search/search.query.js';

const schema = buildASTSchema(typeDefs);

describe('schema and model agree', () => {
  it('declares exactly the model node kinds and relation types as enums', () => {
    const kinds = (schema.getType('NodeKind') as GraphQLEnumType).getValues().map((v) => v.name);
    const types = (schema.getType('RelationType') as GraphQLEnumType).getValues().map((v) => v.name);
    expect(kinds.sort()).toEqual(Object.keys(NODE_KIND_VALUES).sort());
    expect(Object.values(NODE_KIND_VALUES).sort()).toEqual([...NODE_KINDS].sort());
    expect(types.sort()).toEqual([...RELATION_TYPES].sort());
  });

  it('spells each kind ALL_CAPS in the API, the stored kind split at its words, and codegen maps them the same way', () => {
    for (const [value, kind] of Object.entries(NODE_KIND_VALUES)) expect(value).toBe(kind.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase());
    const codegen = YAML.parse(fs.readFileSync(new URL('../../codegen.yml', import.meta.url), 'utf8')) as { generates: Record<string, { config?: { enumValues?: Record<string, unknown> } }> };
    expect(codegen.generates['src/generated/resolvers-types.ts']!.config!.enumValues!.NodeKind).toEqual(NODE_KIND_VALUES);
  });

  it('has an object type implementing Node for every kind', () => {
    for (const kind of NODE_KINDS) expect(schema.getType(kind)?.toString()).toBe(kind);
    expect(schema.getPossibleTypes(assertInterfaceType(schema.getType('Node'))).map((t) => t.name).sort()).toEqual([...NODE_KINDS].sort());
  });

  it('describes every type, field, argument and enum value (the SDL is the manual)', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description && type.name !== 'Query') missing.push(type.name);
      if ('getFields' in type) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if ('getValues' in type) for (const v of type.getValues()) if (!v.description) missing.push(`${type.name}.${v.name}`);
    }
    expect(missing).toEqual([]);
  });
});

describe('dates', () => {
  it('keeps precision and spans', () => {
    expect(parsePartialDate('2004-10')).toEqual({ start: '2004-10-01', end: '2004-10-31', precision: 'MONTH' });
    expect(parsePartialDate('2008-02')?.end).toBe('2008-02-29');
    expect(parsePartialDate('2007')).toEqual({ start: '2007-01-01', end: '2007-12-31', precision: 'YEAR' });
    expect(parseRange('2005', '2007')).toEqual({ start: '2005-01-01', end: '2007-12-31', precision: 'YEAR' });
    expect(parsePartialDate('2007-13')).toBeNull();
    expect(parsePartialDate('2007-02-30')).toBeNull();
    expect(parseRange('2010', '2008')).toBeNull();
  });
});

describe('names and search text', () => {
  it('normalises case, accents and apostrophes', () => {
    expect(normaliseName('  Việt   NAM ')).toBe('viet nam');
    expect(normaliseName('Women’s affairs')).toBe(normaliseName("Women's affairs"));
  });

  it('gives one lookup form to the ways researchers write the same name', () => {
    const same: string[][] = [
      ['MoU', 'COMMIT MoU', 'Memorandum of Understanding', 'COMMIT MOU'],
      ['SPA 2', 'SPA II', 'spa ii', 'SPAII', 'COMMIT SPA II', 'Second Sub-regional Plan of Action'],
      ['spa iii', 'SPAIII', 'SPA 3', 'third Strategic Plan of Action', 'COMMIT Third Sub-regional Plan of Action'],
      ['IMM2', 'IMM 2', 'imm-2', 'second Inter-Ministerial Meeting'],
      ['IMM 3', 'third Inter-Ministerial Meeting'],
      ['UNACT', 'UN-ACT', 'un-act', 'United Nations Action for Cooperation against Trafficking in Persons'],
      ['Art. 31', 'Article 31', 'art 31', 'ARTICLE 31'],
      ['UNDP', 'United Nations Development Programme', 'United Nations Development Program'],
      ['Section V', 'section 5'],
      ['COMMIT Taskforce (Cambodia)', 'COMMIT Task Force (Cambodia)', 'task force cambodia'],
    ];
    for (const names of same) expect(new Set(names.map(normaliseName)), names.join(' / ')).toHaveLength(1);
    expect(normaliseName('SPA II')).not.toBe(normaliseName('SPA III'));
    expect(normaliseName('COMMIT')).toBe('commit');
  });

  it('escapes Lucene syntax and keeps a trailing * as a prefix', () => {
    expect(luceneQuery('traff* (x)').query).toBe('traff* AND \\(x\\)');
    expect(luceneQuery('a:b "c"').query).toBe('a\\:b AND \\"c\\"');
    expect(luceneQuery('!!! ???').query).toBe('');
  });
});
