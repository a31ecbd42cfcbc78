// Bundles the query editor (editor/: GraphiQL with the examples as tabs) into public/graphql-editor with
// esbuild, precompressed (gzip and brotli) for src/http/editor.ts: `npm run build:editor`, run by `npm start`.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { build } from 'esbuild';

const out = path.join('public', 'graphql-editor');
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
const examples = fs
  .readdirSync('examples')
  .filter((f) => f.endsWith('.graphql'))
  .sort()
  .map((file) => ({ file, query: fs.readFileSync(path.join('examples', file), 'utf8') }));
await build({
  entryPoints: { app: 'editor/src/main.ts' },
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  jsx: 'automatic',
  outdir: out,
  define: { __EXAMPLES__: JSON.stringify(examples), 'process.env.NODE_ENV': '"production"' },
  loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.svg': 'dataurl' },
  logLevel: 'warning',
});
fs.copyFileSync(path.join('editor', 'index.html'), path.join(out, 'index.html'));
for (const file of fs.readdirSync(out)) {
  const full = path.join(out, file);
  const body = fs.readFileSync(full);
  fs.writeFileSync(`${full}.gz`, zlib.gzipSync(body, { level: 9 }));
  fs.writeFileSync(`${full}.br`, zlib.brotliCompressSync(body));
}
console.log(`query editor built into ${out} (${examples.length} example tabs)`);
