/** The wire form of a statement (src/db/compact.ts): layout and comments go, meaning stays. */
import { describe, expect, it } from 'vitest';
import { compactCypher } from '../../src/db/compact.js';
import { adoptionsText } from '../../src/modules/adoption/adoption.repository.js';

describe('compactCypher', () => {
  it('collapses layout to one space, and to none next to a bracket or a comma', () => {
    expect(compactCypher('MATCH (a:Entity {id: $id})\n    -[r:PART_OF]->\n    (b)\nRETURN a.id,\n  b { .name }')).toBe('MATCH(a:Entity{id:$id})-[r:PART_OF]->(b)RETURN a.id,b{.name}');
  });

  it('drops line and block comments, even at the end of a line', () => {
    expect(compactCypher('MATCH (n) // every node\n/* block\n comment */ RETURN n')).toBe('MATCH(n)RETURN n');
  });

  it('keeps string literals and backtick names byte for byte, escapes included', () => {
    const text = `RETURN 'a  //  b' AS x,  "c /* d */  e" AS y, \`odd  name\`\`s\` AS z, 'it\\'s  (x)' AS w`;
    expect(compactCypher(text)).toBe(`RETURN 'a  //  b' AS x,"c /* d */  e" AS y,\`odd  name\`\`s\` AS z,'it\\'s  (x)' AS w`);
  });

  it('never joins operators: a comparison with a negative number stays a comparison', () => {
    expect(compactCypher('WHERE a < -1 AND b <> c OR d - -2 > 0')).toBe('WHERE a < -1 AND b <> c OR d - -2 > 0');
    expect(compactCypher('RETURN 6 / 2 AS x')).toBe('RETURN 6 / 2 AS x');
  });

  it("leaves a meeting's adoption rows statement room for its parameters in one 1,400-byte Bolt chunk", () => {
    const text = adoptionsText({ meeting: true, instrument: false, article: false, relations: false, statedOnly: false, sources: true, dates: true });
    expect(compactCypher(text).length).toBeLessThan(Math.min(1200, text.length * 0.9));
  });
});
