/**
 * Suggestions for an id no entity has, found by the forgiving rule of `lookup` (the lookup forms of
 * src/model/model.ts: case, punctuation, numerals and abbreviations folded) and by the id's tail
 * (`spa-2` -> `instrument:spa-2`). Read only when an answer is NOT_FOUND.
 */
import { cypher, type Executor } from '../../db/executor.js';
import { statementTexts } from '../../db/template.js';
import { NODE_KINDS, normaliseName, type NodeKind } from '../../model/model.js';

/** Suggestions offered per unknown id. */
export const SUGGESTIONS = 5;

const texts = statementTexts();

/** The statement for one kind (null: any); kinds come from the model table since they become statement text. */
export function suggestText(kind: NodeKind | null): string {
  const label = kind && (NODE_KINDS as readonly string[]).includes(kind) ? kind : 'Entity';
  return texts(label, () => cypher('queries/suggestion/suggest').replace('/*LABEL*/', label));
}

/** The lookup forms an id as typed may stand for: the whole text, and its part after a `kind:` prefix. */
export function suggestionKeys(text: string): { tail: string; keys: string[] } {
  const tail = text.slice(text.lastIndexOf(':') + 1);
  const forms = [normaliseName(text), normaliseName(tail)].filter(Boolean);
  return { tail, keys: [...new Set(forms)].map((form) => `|${form}|`) };
}

export class SuggestionRepository {
  constructor(
    private readonly executor: Executor,
  ) {}

  /** Ids of entities (of `kind`, when given) the unknown id `text` may have meant, best first. */
  async suggest(text: string, kind: NodeKind | null = null): Promise<string[]> {
    return (await this.suggestEach([text], kind)).get(text) ?? [];
  }

  /** Suggestions for each of several unknown ids (e.g. those of one `nodes(ids:)` request), in one statement. */
  async suggestEach(texts: readonly string[], kind: NodeKind | null = null): Promise<Map<string, string[]>> {
    const items = [...new Set(texts)].map((text) => ({ text, ...suggestionKeys(text) })).filter((item) => item.keys.length > 0 || item.tail);
    const found = new Map<string, string[]>(texts.map((text) => [text, []]));
    if (items.length === 0) return found;
    const rows = await this.executor.readText('queries/suggestion/suggest', suggestText(kind), { items, limit: SUGGESTIONS });
    for (const row of rows) found.set(String(row.text), (row.ids as unknown[]).map(String));
    return found;
  }
}
