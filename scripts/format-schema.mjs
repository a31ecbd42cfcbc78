// Formats schema/*.graphql as graphql-js prints it, with fields, input fields and enum values in
// alphabetical order (graphql-schema-linter's default rules; the schema test runs the linter).
// Descriptions are kept; the files hold no # comments. `npm run schema:format`.
import fs from 'node:fs';
import path from 'node:path';
import { Kind, parse, print, visit } from 'graphql';

// Code-unit order, as Array.prototype.sort and the linter's 'alphabetical' sort order use.
const byName = (a, b) => (a.name.value < b.name.value ? -1 : a.name.value > b.name.value ? 1 : 0);
const sortFields = (node) => ({ ...node, ...(node.fields ? { fields: [...node.fields].sort(byName) } : {}) });
const sortValues = (node) => ({ ...node, ...(node.values ? { values: [...node.values].sort(byName) } : {}) });

const dir = 'schema';
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.graphql'))) {
  const full = path.join(dir, file);
  const sorted = visit(parse(fs.readFileSync(full, 'utf8'), { noLocation: true }), {
    [Kind.OBJECT_TYPE_DEFINITION]: sortFields,
    [Kind.OBJECT_TYPE_EXTENSION]: sortFields,
    [Kind.INTERFACE_TYPE_DEFINITION]: sortFields,
    [Kind.INTERFACE_TYPE_EXTENSION]: sortFields,
    [Kind.INPUT_OBJECT_TYPE_DEFINITION]: sortFields,
    [Kind.INPUT_OBJECT_TYPE_EXTENSION]: sortFields,
    [Kind.ENUM_TYPE_DEFINITION]: sortValues,
    [Kind.ENUM_TYPE_EXTENSION]: sortValues,
  });
  fs.writeFileSync(full, `${print(sorted)}\n`);
}
console.log('schema/*.graphql formatted');
