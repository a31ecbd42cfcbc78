/**
 * The researcher's query editor and the published contract:
 * - GET /graphql from a browser (Accept: text/html, no `query` parameter): the bundled GraphiQL page
 *   (editor/, built into public/graphql-editor by scripts/build-editor.mjs), which needs no internet;
 * - GET /graphql-editor/*: its assets, precompressed (brotli or gzip by Accept-Encoding), cached;
 * - GET /schema.graphql: the SDL as served, so clients can generate types where introspection is off.
 * Every other request to /graphql goes to the GraphQL endpoint (src/http/graphql-endpoint.ts).
 */
import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import express, { type Request, type Response, type Router } from 'express';
import { printSchema, type GraphQLSchema } from 'graphql';
import { projectRoot } from '../config.js';
import { searchOf } from './graphql-endpoint.js';
import { sendPrecompressed } from './precompressed.js';

const editorDir = path.join(projectRoot, 'public', 'graphql-editor');
/** A browser asking for the editor page: GET with Accept: text/html and no `query` parameter (else it is a GraphQL GET). */
export function wantsEditorPage(req: IncomingMessage): boolean {
  return req.method === 'GET' && /\btext\/html\b/.test(String(req.headers.accept ?? '')) && !new URLSearchParams(searchOf(req.url)).has('query');
}

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
    sendPrecompressed(req, res, file, 'public, max-age=3600');
  });

  // createApp sends a GET /graphql here only when wantsEditorPage holds; every other request goes to the endpoint.
  router.get('/graphql', (req: Request, res: Response) => {
    const page = path.join(editorDir, 'index.html');
    if (!fs.existsSync(page)) {
      res.status(503).type('text/plain').send('The query editor is not built; run `npm run build:editor`.');
      return;
    }
    sendPrecompressed(req, res, page, 'no-cache');
  });
  return router;
}
