/**
 * The wire form of a statement: its text without comments and without the layout whitespace that makes
 * the .cypher files readable. neo4j-driver packs a message into 1,400-byte chunks and writes each full
 * chunk to the socket on its own, so a statement past that size costs a second write here and a second
 * read in the database on every request. String literals and backtick-quoted names are kept byte for
 * byte; a run of whitespace becomes one space, or nothing next to a bracket, a comma and a few operators
 * that cannot fuse into another token.
 */

/**
 * Characters next to which whitespace carries no meaning. `-`, `<`, `>` and `/` are not among them:
 * `a < -1` must not become `a<-1` (an arrow), nor `a - -1` become `a--1` (a pattern).
 */
const TIGHT = new Set(['(', ')', '{', '}', '[', ']', ',', ':', '|', '=', '+']);
/** Characters that end a run of plain text: whitespace, quotes, and `/` (a comment may start there). */
const RUN_ENDS = new Set([' ', '\n', '\t', '\r', "'", '"', '`', '/']);

export function compactCypher(text: string): string {
  let out = '';
  /** A run of whitespace (or a comment) seen since the last character written. */
  let gap = false;
  const put = (chunk: string) => {
    if (gap && out.length > 0 && !TIGHT.has(out[out.length - 1]!) && !TIGHT.has(chunk[0]!)) out += ' ';
    gap = false;
    out += chunk;
  };
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (c === ' ' || c === '\n' || c === '\t' || c === '\r') {
      gap = true;
      i += 1;
    } else if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
      gap = true;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 2;
      gap = true;
    } else if (c === "'" || c === '"' || c === '`') {
      put(text.slice(i, (i = quotedEnd(text, i))));
    } else {
      // A TIGHT character alone, else a run up to the next whitespace, quote, slash or TIGHT character.
      let j = i + 1;
      if (!TIGHT.has(c)) while (j < text.length && !RUN_ENDS.has(text[j]!) && !TIGHT.has(text[j]!)) j += 1;
      put(text.slice(i, j));
      i = j;
    }
  }
  return out;
}

/**
 * The index just past the quoted literal or name that opens at `start`. Strings end at their unescaped
 * quote (backslash escapes); backtick names at a single backtick (a doubled one is part of the name).
 */
function quotedEnd(text: string, start: number): number {
  const quote = text[start]!;
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]!;
    if (quote !== '`' && c === '\\') i += 1;
    else if (c === quote) {
      if (quote === '`' && text[i + 1] === '`') i += 1;
      else return i + 1;
    }
  }
  return text.length;
}
