// Bundles the explorer (explorer/) into public/explore with esbuild: `npm run build:explorer`, run by `npm start`.
// The bundle and stylesheet are precompressed (brotli and gzip) so the server sends them small without
// compressing per request; index.html is the only file that must not be cached (see src/http/explore.ts).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { build } from 'esbuild';

const out = path.join('public', 'explore');
fs.rmSync(out, { recursive: true, force: true });
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
for (const file of ['styles.css', 'favicon.svg']) fs.copyFileSync(path.join('explorer', file), path.join(out, file));
// index.html names each asset with a hash of its content, so the assets can be cached for a year.
const hash = (file) => crypto.createHash('sha256').update(fs.readFileSync(path.join(out, file))).digest('hex').slice(0, 12);
let html = fs.readFileSync(path.join('explorer', 'index.html'), 'utf8');
for (const file of ['app.js', 'styles.css', 'favicon.svg']) html = html.replace(`/explore/${file}"`, `/explore/${file}?v=${hash(file)}"`);
fs.writeFileSync(path.join(out, 'index.html'), html);
for (const file of ['app.js', 'styles.css', 'favicon.svg']) {
  const body = fs.readFileSync(path.join(out, file));
  fs.writeFileSync(path.join(out, `${file}.br`), zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
  fs.writeFileSync(path.join(out, `${file}.gz`), zlib.gzipSync(body, { level: 9 }));
}
console.log(`explorer built into ${out}`);
