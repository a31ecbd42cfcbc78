// Bundles the explorer (explorer/) into public/explore with esbuild: `npm run build:explorer`, run by `npm start`.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const out = path.join('public', 'explore');
fs.mkdirSync(out, { recursive: true });
await build({
  entryPoints: ['explorer/src/main.ts'],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  outfile: path.join(out, 'app.js'),
  logLevel: 'warning',
});
for (const file of ['index.html', 'styles.css']) fs.copyFileSync(path.join('explorer', file), path.join(out, file));
console.log(`explorer built into ${out}`);
