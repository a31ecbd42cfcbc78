// Fails when src/generated is stale: regenerates from schema/*.graphql and compares with what is committed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const file = 'src/generated/resolvers-types.ts';
const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
execFileSync('npx', ['graphql-codegen', '--config', 'codegen.yml', '--silent'], { stdio: 'inherit' });
const after = fs.readFileSync(file, 'utf8');
if (before !== after) {
  fs.writeFileSync(file, before);
  console.error(`${file} is stale: run \`npm run codegen\` and commit the result.`);
  process.exit(1);
}
console.log('generated resolver types are up to date');
