/**
 * Every example and explorer operation answers the same as the recorded answers in
 * test/integration/answers.json (recorded from the code before the planner, on the current data, with paths of equal length in id order; ANSWERS_RECORD=1 rewrites them).
 * Guards the planner and the one-statement rewrites against changing what researchers see.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse, print, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { execute, sharedApp } from '../support/graph.js';

const suite = sharedApp();
const { executor } = suite;

const answersFile = path.join('test', 'integration', 'answers.json');

/** Entities exercised with every explorer operation taking an id: one of each common kind. */
const ids = ['instrument:spa-2', 'meeting:imm-2', 'country:lao-pdr', 'role:secretariat', 'instrument:mou-2004/article-31', 'area:spa-1/victim-identification', 'process:commit', 'org:un-act'];

function cases(): { name: string; query: string; variables: Record<string, unknown> }[] {
  const out: { name: string; query: string; variables: Record<string, unknown> }[] = [];
  for (const file of fs.readdirSync('examples').sort()) out.push({ name: file, query: fs.readFileSync(path.join('examples', file), 'utf8'), variables: {} });
  const doc = parse(fs.readFileSync(path.join('explorer', 'operations.graphql'), 'utf8'));
  const fragments = doc.definitions.filter((d) => d.kind === 'FragmentDefinition');
  for (const op of doc.definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')) {
    const text = print(op);
    const query = [text, ...fragments.filter((f) => text.includes(`...${f.name.value}`)).map((f) => print(f))].join('\n');
    const name = op.name!.value;
    const vars = new Set((op.variableDefinitions ?? []).map((v) => v.variable.name.value));
    if (vars.has('q')) for (const q of ['spa', 'viet nam', 'secretariat']) out.push({ name: `${name} ${q}`, query, variables: { q } });
    else if (vars.has('from')) for (const [from, to] of [['instrument:mou-2004/article-31', 'meeting:imm-2'], ['country:lao-pdr', 'instrument:spa-3'], ['role:secretariat', 'country:viet-nam']]) out.push({ name: `${name} ${from} ${to}`, query, variables: { from, to } });
    else if (vars.has('hops')) for (const id of ids) for (const hops of [1, 2]) out.push({ name: `${name} ${id} ${hops}`, query, variables: { id, hops } });
    else if (vars.has('id')) for (const id of ids) out.push({ name: `${name} ${id}`, query, variables: { id } });
    else out.push({ name, query, variables: {} });
  }
  return out;
}

describe('answers unchanged', () => {
  it('every example and explorer operation answers as recorded', async () => {
    const answers: Record<string, unknown> = {};
    for (const c of cases()) {
      const { data, errors } = await execute(suite.app.apollo, executor, c.query, c.variables);
      answers[c.name] = { data, errors: errors?.map((e) => ({ message: e.message, code: e.extensions?.code, path: e.path })) };
    }
    if (process.env.ANSWERS_RECORD === '1') fs.writeFileSync(answersFile, `${JSON.stringify(answers, null, 1)}\n`);
    const recorded = JSON.parse(fs.readFileSync(answersFile, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(answers).length).toBeGreaterThan(50);
    for (const [name, answer] of Object.entries(answers)) expect({ name, answer }).toEqual({ name, answer: recorded[name] });
  });
});
