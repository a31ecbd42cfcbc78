import { describe, expect, it } from 'vitest';
import { dedupeErrors } from '../../src/graphql/dedupe-errors.js';

describe('one error per problem, not one per list item', () => {
  const bad = (i: number, code = 'BAD_USER_INPUT') => ({ message: 'Argument "chars": must be between 0 and 1000.', path: ['node', 'sources', i, 'context'], extensions: { code } });

  it('keeps the first of errors that differ only in list indices, counting the others', () => {
    expect(dedupeErrors([bad(0), bad(1), bad(2)])).toEqual([{ ...bad(0), extensions: { code: 'BAD_USER_INPUT', occurrences: 3 } }]);
  });

  it('keeps errors that differ in message, code or field path', () => {
    const other = { ...bad(0), path: ['node', 'relations', 0, 'sources', 0, 'context'] };
    expect(dedupeErrors([bad(0), bad(1, 'NOT_FOUND'), other])).toHaveLength(3);
  });
});
