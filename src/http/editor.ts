/**
 * The researcher's query editor and the published contract:
 * - GET /graphql from a browser (Accept: text/html, no `query` parameter): the bundled GraphiQL page
 *   (editor/, built into public/graphql-editor by scripts/build-editor.mjs), which needs no internet;
 * - GET /graphql-editor/*: its assets, precompressed (brotli or gzip by Accept-Encoding), cached;
 * - GET /schema.graphql: the SDL as served, so clients can generate types where introspection is off.
 * Everything else under /graphql falls through to the GraphQL endpoint.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { printSchema, type GraphQLSchema } from 'graphql';
import { projectRoot } from '../config.js';

const editorDir = path.join(projectRoot, 'public', 'graphql-editor');
const types: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.html': 'text/html; charset=utf-8' };

/** Sends a built file, choosing its brotli or gzip twin when the client accepts it. */
function sendBuilt(req: Request, res: Response, file: string, cache: string): void {
  const accepted = String(req.headers['accept-encoding'] ?? '');
  const variant = [
    { encoding: 'br', suffix: '.br' },
    { encoding: 'gzip', suffix: '.gz' },
  ].find((v) => new RegExp(`\\b${v.encoding}\\b`).test(accepted) && fs.existsSync(file + v.suffix));
  res.setHeader('content-type', types[path.extname(file)] ?? 'application/octet-stream');
  res.setHeader('cache-control', cache);
  res.setHeader('vary', 'accept-encoding');
  if (variant) res.setHeader('content-encoding', variant.encoding);
  res.sendFile(variant ? file + variant.suffix : file);
}

const wantsPage = (req: Request) => req.method === 'GET' && req.query.query === undefined && /\btext\/html\b/.test(String(req.headers.accept ?? ''));

export function editorRoutes(schema: GraphQLSchema): Router {
  const router = express.Router();
  const sdl = `${printSchema(schema)}\n`;

  router.get('/schema.graphql', (_req, res) => {
    res.setHeader('cache-control', 'no-cache');
    res.type('text/plain; charset=utf-8').send(sdl);
  });

  router.get('/graphql-editor/:file', (req, res, next) => {
    const file = path.join(editorDir, path.basename(String(req.params.file)));
    if (!/^[\w.-]+\.(js|css)$/.test(String(req.params.file)) || !fs.existsSync(file)) return next();
    sendBuilt(req, res, file, 'public, max-age=3600');
  });

  router.get('/graphql', (req: Request, res: Response, next: NextFunction) => {
    if (!wantsPage(req)) return next();
    const page = path.join(editorDir, 'index.html');
    if (!fs.existsSync(page)) {
      res.status(503).type('text/plain').send('The query editor is not built; run `npm run build:editor`.');
      return;
    }
    sendBuilt(req, res, page, 'no-cache');
  });
  return router;
}
