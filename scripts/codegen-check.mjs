// Fails when generated files are stale: regenerates them (npm run codegen) and compares with what is committed.
import { execSync } from 'node:child_process';
import fs from 'node:fs';

const files = ['src/generated/resolvers-types.ts', 'explorer/src/generated.ts', 'persisted-operations.json'];
const before = new Map(files.map((f) => [f, fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '']));
execSync('npm run --silent codegen', { stdio: ['ignore', 'ignore', 'inherit'] });
const stale = files.filter((f) => fs.readFileSync(f, 'utf8') !== before.get(f));
if (stale.length > 0) {
  for (const f of stale) fs.writeFileSync(f, before.get(f));
  console.error(`stale generated files: ${stale.join(', ')}; run \`npm run codegen\` and commit the result.`);
  process.exit(1);
}
console.log('generated files are up to date');
