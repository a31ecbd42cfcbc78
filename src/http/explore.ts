/**
 * Serves the built explorer (public/explore): precompressed assets (brotli or gzip, chosen from
 * Accept-Encoding, made by scripts/build-explorer.mjs), a year of caching for assets named with a content
 * hash (`?v=`), no caching for index.html (so a new build shows at once), and the favicon. Must not throw:
 * a missing build answers 503 with the command that makes it.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { type Request, type Response, type Router } from 'express';
import { sendPrecompressed } from './precompressed.js';

export function exploreRouter(dir: string): Router {
  const router = express.Router();
  const index = (_req: Request, res: Response) => {
    const file = path.join(dir, 'index.html');
    if (!fs.existsSync(file)) {
      res.status(503).type('text/plain').send('The explorer is not built; run `npm run build:explorer`.');
      return;
    }
    res.set('Cache-Control', 'no-cache').type('html').sendFile(file);
  };
  router.get('/', index);
  router.get('/index.html', index);
  router.get(/^\/(app\.js|app\.js\.map|styles\.css|favicon\.svg)$/, (req, res, next) => {
    const name = (req.params as Record<string, string>)[0]!;
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) return next();
    sendPrecompressed(req, res, file, req.query.v ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
  });
  return router;
}
