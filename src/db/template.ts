/**
 * Compiles a named statement template (cypher/queries/...) for one combination of filters, so a filter
 * that is absent is no text at all (never `$x IS NULL OR ...`, which plans every query for the worst case):
 * - a line starting with `/*FLAG*\/` is kept, marker removed, only when FLAG is on (a line may start with
 *   several flags: it is kept when all are on);
 * - a line holding only `/*SECTION*\/` (after its flag, if any) is replaced by the lines after
 *   `// @SECTION` at the end of the file, flags applied to them too (a section lets one statement
 *   repeat a subquery, e.g. once counted and once paged);
 * - an inline `/*NAME arg*\/` marker becomes `inline[NAME](arg)` when NAME is on, else nothing.
 * No client text ever reaches a template: flags and inline arguments are the caller's constants.
 * Given flags from `flagsOn` (which knows every flag of the statement, on or off), a line that starts with
 * a marker that is neither a flag nor a section is refused: a replacement marker such as `/*NODE*\/` at the
 * start of a line would otherwise be read as a flag that is off, and its line silently dropped.
 */
const flagLine = /^(\s*)\/\*([A-Z_]+)\*\/ ?(.*)$/;
const inlineMarker = / ?\/\*([A-Z_]+) (\w+)\*\//g;

export function compileTemplate(template: string, on: ReadonlySet<string> & { known?: ReadonlySet<string> }, inline: Record<string, (arg: string) => string> = {}): string {
  const [main, ...rest] = template.split(/^\/\/ @(?=[A-Z_]+\n)/m);
  const sections = new Map(rest.map((s) => [s.slice(0, s.indexOf('\n')), s.slice(s.indexOf('\n') + 1).trimEnd().split('\n')]));
  /** Flagged lines kept (marker removed) or dropped; section markers left for expansion. */
  const flagged = (lines: string[]): string[] =>
    lines.flatMap((line) => {
      const m = flagLine.exec(line);
      if (!m || (sections.has(m[2]!) && !m[3])) return [line];
      if (on.known && !on.known.has(m[2]!)) throw new Error(`template: a line starts with /*${m[2]}*/, which is no flag of this statement (${[...on.known].join(', ')})`);
      return on.has(m[2]!) ? flagged([`${m[1]}${m[3]}`]) : [];
    });
  const expanded = flagged(main!.trimEnd().split('\n')).flatMap((line) => {
    const m = flagLine.exec(line);
    return m && !m[3] && sections.has(m[2]!) ? flagged(sections.get(m[2]!)!) : [line];
  });
  return expanded.map((line) => line.replace(inlineMarker, (_all, name: string, arg: string) => (on.has(name) && inline[name] ? ` ${inline[name](arg)}` : ''))).join('\n');
}

/**
 * A cache of statement texts, one per key: each text is built once and is the same string every time,
 * so Neo4j's plan cache hits. Every repository that compiles text from a template keeps one.
 */
export function statementTexts(): (key: string, build: () => string) => string {
  const texts = new Map<string, string>();
  return (key, build) => {
    let text = texts.get(key);
    if (text === undefined) {
      text = build();
      texts.set(key, text);
    }
    return text;
  };
}

/** The flags that are on, from a record of every flag of a statement and its condition (for compileTemplate). */
export function flagsOn(conditions: Record<string, boolean | undefined>): ReadonlySet<string> & { known: ReadonlySet<string> } {
  return Object.assign(new Set(Object.entries(conditions).flatMap(([flag, on]) => (on ? [flag] : []))), { known: new Set(Object.keys(conditions)) });
}
