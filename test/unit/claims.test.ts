/**
 * What the curated data claims, read against its quotes: stated versus inferred, the claims issue 14 found
 * over-reaching, the statements it found missing, dates in the source's words, and modelling rules.
 */
import { describe, expect, it } from 'vitest';
import { curatedFile } from '../../src/bundle/load.js';
import { readBundleFile } from '../../src/bundle/source-files.js';
import { BundleError, validateBundle, type RelationRecord } from '../../src/bundle/validate.js';
import { DATE_FIELDS, KIND_ID_PREFIX, foldText, normaliseName, type Basis, type NodeKind } from '../../src/model/model.js';
import { byId, curatedInput, type CuratedInput } from '../support/bundle.js';

const bundle = validateBundle(readBundleFile(curatedFile));
const node = (id: string) => bundle.nodes.find((n) => n.id === id)!;
const rels = (type: string, from?: string, to?: string) => bundle.relations.filter((r) => r.type === type && (!from || r.from === from) && (!to || r.to === to));
const quotesOf = (r: { props: Record<string, unknown> }) => r.props.quotes as string[];

function refusal(change: (b: CuratedInput) => void): string {
  const input = curatedInput();
  change(input);
  try {
    validateBundle(input);
  } catch (e) {
    expect(e).toBeInstanceOf(BundleError);
    return (e as Error).message;
  }
  return 'accepted';
}

describe('stated versus inferred', () => {
  it('gives every relation a basis; an inferred one one sentence of reasoning and its premises, a stated one none', () => {
    for (const r of bundle.relations) {
      expect(['STATED', 'INFERRED'], r.id).toContain(r.props.basis);
      if (r.props.basis === 'INFERRED') {
        expect(String(r.props.reasoning), r.id).toMatch(/^[^.!?]+(\.\d[^.!?]*)*\.$/);
        expect(quotesOf(r).length, r.id).toBeGreaterThan(0);
      } else expect(r.props.reasoning, r.id).toBeNull();
    }
  });

  it('marks the curator inferences issue 14 lists: Article 32 to the six Task Forces, Article 31 to IMM 2, Article 28 to SPA I', () => {
    const inferred = (r: RelationRecord[]) => r.map((x) => x.props.basis);
    expect(inferred(rels('FULFILLED_BY', 'mandate:article-32/task-force'))).toEqual(Array(6).fill('INFERRED'));
    expect(inferred(rels('FULFILLED_BY', 'mandate:article-31/meeting', 'meeting:imm-2'))).toEqual(['INFERRED']);
    expect(inferred(rels('FULFILLED_BY', 'mandate:article-28/plan', 'instrument:spa-1'))).toEqual(['INFERRED']);
    expect(inferred(rels('DEVELOPED_UNDER', 'instrument:spa-1', 'instrument:mou-2004/article-28'))).toEqual(['INFERRED']);
    expect(inferred(rels('REFERS_TO', 'mandate:article-33/assistance', 'instrument:spa-1'))).toEqual(['INFERRED']);
  });

  it('refuses an inferred relation without reasoning, reasoning on a stated one, and more than one sentence', () => {
    const first = (b: CuratedInput) => b.relations.find((r) => r.type === 'FULFILLED_BY' && r.basis === 'INFERRED')!;
    expect(refusal((b) => delete first(b).reasoning)).toMatch(/fulfilled-by.* reasoning: an INFERRED claim needs its reasoning/);
    expect(refusal((b) => (b.relations[0]!.reasoning = 'Because the page says so.'))).toMatch(/reasoning: a STATED claim takes no reasoning/);
    expect(refusal((b) => (first(b).reasoning = 'One thing. And another.'))).toMatch(/reasoning: give the reasoning as one sentence/);
    expect(refusal((b) => (b.relations[0]!.basis = 'GUESSED' as Basis))).toMatch(/basis: must be equal to one of the allowed values/);
  });
});

describe('entity property claims', () => {
  it("marks SPA I's Article 28 title as inferred, with reasoning and premises; no other property claim is inferred", () => {
    const inferred = bundle.nodes.filter((n) => (n.props.inferredProperties as string[]).length > 0);
    expect(inferred.map((n) => [n.id, n.props.inferredProperties, n.props.inferredValues])).toEqual([
      ['instrument:spa-1', ['aliases', 'alternateTitles'], ['initial Sub-Regional Plan of Action Against Trafficking in Persons', 'initial Sub-Regional Plan of Action Against Trafficking in Persons, 2005-2007']],
    ]);
    const spa1 = node('instrument:spa-1').props;
    expect(spa1.inferredPremiseOf).toEqual([0, 0, 1, 1]);
    expect((spa1.inferredPremiseQuotes as string[])[0]).toMatch(/^Article 28\. +Developing an initial/);
  });

  it('refuses an inference on a property the entity does not claim, or on a value it does not have', () => {
    const spa1 = (b: CuratedInput) => byId(b.nodes, 'instrument:spa-1').inferred![0]!;
    expect(refusal((b) => (spa1(b).property = 'colour'))).toMatch(/instrument:spa-1\) inferred\[0\]\.property: "colour" is not a property this entity claims/);
    expect(refusal((b) => (spa1(b).value = 'SPA Zero'))).toMatch(/inferred\[0\]\.value: name the one aliases value inferred/);
    expect(refusal((b) => (spa1(b).quotes = ['SPA I was written on the moon.']))).toMatch(/inferred\[0\] quotes\[0\]: quote not found verbatim/);
  });
});

describe('the claims issue 14 found saying more than their quotes', () => {
  it('Section V established the infrastructure and procedures for the Process, not the Process', () => {
    expect(rels('ESTABLISHES', undefined, 'process:commit')).toEqual([]);
    expect(rels('ESTABLISHES_INFRASTRUCTURE_FOR', 'instrument:mou-2004/section-v', 'process:commit')).toHaveLength(1);
  });

  it('Article 28: developing the plan and fully implementing it are separate mandates, and nothing fulfils the second', () => {
    expect(node('mandate:article-28/plan').props.name).not.toMatch(/implement/i);
    expect(rels('FULFILLED_BY', 'mandate:article-28/implementation')).toEqual([]);
  });

  it('the Secretariat holdings carry no invented date and no current flag from an undated page', () => {
    const holdings = rels('HOLDS_ROLE', undefined, 'role:secretariat');
    expect(holdings.map((h) => [h.from, h.props.sequence, h.props.date_text ?? null, h.props.current ?? null])).toEqual([
      ['org:uniap', 1, null, null],
      ['org:un-act', 2, null, null],
    ]);
  });

  it('keeps every alias to words its quotes use (a Task Force name may add its country in brackets)', () => {
    const missing: string[] = [];
    for (const n of bundle.nodes) {
      const quotes = foldText(quotesOf(n).join(' | ')).replace(/'/g, '');
      for (const alias of n.props.aliases as string[]) if (!quotes.includes(foldText(alias.replace(/ \([^)]*\)$/, '')).replace(/'/g, ''))) missing.push(`${n.id}: ${alias}`);
    }
    expect(missing).toEqual([]);
    expect(node('group:ngos').props.aliases).not.toContain('non-government partners');
    expect(rels('ENGAGES', 'org:un-act').map((r) => r.to)).toContain('group:non-government');
  });

  it('numbers the quoted opening statements only by their order on the page', () => {
    const clauses = bundle.nodes.filter((n) => n.kind === 'PreambleClause');
    expect(clauses).toHaveLength(7);
    for (const c of clauses) {
      expect(c.id).not.toMatch(/preamble-\d/);
      expect(c.props.name).not.toMatch(/\d/);
    }
  });

  it('SPA III was developed by the Task Force countries, and SPA II areas are "in line with" the MoU, not based on it', () => {
    expect(rels('DEVELOPED_BY', 'instrument:spa-3').map((r) => r.to.split(':')[0])).toEqual(Array(6).fill('country'));
    expect(bundle.relations.filter((r) => r.type === 'BASED_ON' && r.from.startsWith('area:'))).toEqual([]);
    expect(rels('IN_LINE_WITH', undefined, 'instrument:mou-2004').map((r) => r.from).sort()).toEqual(['area:spa-2/criminal-justice', 'area:spa-2/prevention', 'area:spa-2/victim-protection']);
  });
});

describe('the statements issue 14 found missing, each with its quote', () => {
  const has = (quotes: string[], words: string) => expect(quotes.some((q) => q.includes(words)), words).toBe(true);

  it('SPA III reviews the not completed activities of SPA I and II, and the gaps in how the MoU was reflected and acted upon', () => {
    for (const older of ['instrument:spa-1', 'instrument:spa-2']) has(quotesOf(rels('REVIEWS', 'instrument:spa-3', older)[0]!), 'rolling some of the not completed activities into the COMMIT SPA III');
    const mou = quotesOf(rels('REVIEWS', 'instrument:spa-3', 'instrument:mou-2004')[0]!);
    has(mou, 'have been reflected in the COMMIT SPAs to date');
    has(mou, 'have been acted upon by the COMMIT governments to date');
  });

  it("SPA III's structural change is in its description and quotes", () => {
    expect(node('instrument:spa-3').props.description).toMatch(/less prescriptive/);
    has(quotesOf(node('instrument:spa-3')), 'activities outlined in a less prescriptive manner in recognition of the flexibility required by each country');
  });

  it("Article 31's plan under review and Article 33's forthcoming Plan of Action are SPA I; Article 28's title names SPA I", () => {
    expect(rels('REFERS_TO', undefined, 'instrument:spa-1').map((r) => [r.from, r.props.basis])).toEqual([
      ['mandate:article-31/review', 'STATED'],
      ['mandate:article-33/assistance', 'INFERRED'],
    ]);
    expect(node('instrument:spa-1').props.aliases).toContain('initial Sub-Regional Plan of Action Against Trafficking in Persons');
  });

  it('the Task Forces make all the major decisions; UN-ACT coordinates within the COMMIT framework', () => {
    for (const tf of bundle.nodes.filter((n) => n.kind === 'TaskForce')) has(quotesOf(tf), 'make all the major decisions regarding anti-trafficking programming and policy');
    const coordinates = rels('COORDINATES_WITHIN', 'org:un-act', 'process:commit');
    expect(coordinates.map((r) => r.props.level)).toEqual(['country and regional']);
    has(quotesOf(coordinates[0]!), 'coordinates within the COMMIT framework at the country and regional level');
  });

  it("SPA II's targets and timelines were agreed by the six governments; SPA I's life ended December 2007", () => {
    expect(rels('AGREED_BY', 'area:spa-2/targets-timelines').map((r) => r.to.split(':')[0])).toEqual(Array(6).fill('country'));
    expect(node('instrument:spa-1').props).toMatchObject({ ends_text: 'December 2007', ends_start: '2007-12-01', ends_end: '2007-12-31', ends_precision: 'MONTH' });
  });
});

describe('dates keep the source words', () => {
  it('has every date text inside a quote of its own record', () => {
    const outside: string[] = [];
    for (const r of [...bundle.nodes, ...bundle.relations]) {
      for (const f of DATE_FIELDS) {
        const text = r.props[`${f}_text`];
        if (typeof text === 'string' && !quotesOf(r).some((q) => q.includes(text))) outside.push(`${r.id}.${f}: ${text}`);
      }
    }
    expect(outside).toEqual([]);
    expect(bundle.nodes.flatMap((n) => DATE_FIELDS.map((f) => n.props[`${f}_text`]).filter(Boolean)).length).toBeGreaterThan(10);
  });

  it('refuses a date whose text is not the source wording', () => {
    const message = refusal((b) => (byId(b.nodes, 'meeting:imm-2').dates!.date!.text = 'named in December 2007'));
    expect(message).toMatch(/meeting:imm-2\) dates\.date\.text: "named in December 2007" is not in any quote of this record/);
  });
});

describe('modelling', () => {
  it('gives every id the prefix of its kind (parts of an instrument may sit under it)', () => {
    for (const n of bundle.nodes) {
      const prefix = n.id.split(':')[0];
      const expected = KIND_ID_PREFIX[n.kind as NodeKind];
      expect(prefix === expected || (prefix === 'instrument' && ['Section', 'Article', 'PreambleClause'].includes(n.kind)), `${n.id} is a ${n.kind}`).toBe(true);
    }
    expect(refusal((b) => (byId(b.nodes, 'meeting:imm-2').id = 'consultation:imm-2'))).toMatch(/id: a Meeting id starts with "meeting:"/);
  });

  it('stores numbers as numbers and gives offices their type', () => {
    expect(node('meeting:task-force-regional').props).toMatchObject({ representativesPerTaskForce: 2, minimumPerYear: 2 });
    const offices = bundle.nodes.filter((n) => n.kind === 'Office');
    expect(offices.map((o) => o.props.officeType).sort()).toEqual(['country', 'country', 'country', 'country', 'country', 'country', 'regional management']);
  });

  it('tells organisation succession (SUCCEEDS_IN_ROLE) from instrument succession (SUCCEEDS)', () => {
    const kinds = (type: string) => new Set(rels(type).flatMap((r) => [node(r.from).kind, node(r.to).kind]));
    expect([...kinds('SUCCEEDS')]).toEqual(['Instrument']);
    expect([...kinds('SUCCEEDS_IN_ROLE')]).toEqual(['Organisation']);
  });
});

describe('names', () => {
  it('shares a lookup form between entities only where the source uses one label in two plans (PPC 1, PPC 3)', () => {
    const owners = new Map<string, string[]>();
    for (const n of bundle.nodes) for (const form of new Set([n.props.name as string, ...(n.props.aliases as string[])].map(normaliseName))) owners.set(form, [...(owners.get(form) ?? []), n.id]);
    expect(Object.fromEntries([...owners].filter(([, ids]) => ids.length > 1))).toEqual({
      'ppc 1': ['area:spa-1/ppc-1', 'area:spa-2/ppc-1'],
      'ppc 3': ['area:spa-1/ppc-3', 'area:spa-2/ppc-3'],
    });
  });
});
