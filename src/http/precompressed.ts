/**
 * Sends a file built with brotli and gzip twins (`<file>.br`, `<file>.gz`, made by the build scripts of the
 * explorer and the query editor), choosing the best encoding the client accepts. Must not throw.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Request, Response } from 'express';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.map': 'application/json; charset=utf-8',
};

/** brotli, then gzip, then none, as the client accepts them and the build made them. */
function encodingFor(req: Request, file: string): { suffix: string; encoding: string } | null {
  const accepted = String(req.headers['accept-encoding'] ?? '');
  if (/\bbr\b/.test(accepted) && fs.existsSync(`${file}.br`)) return { suffix: '.br', encoding: 'br' };
  if (/\bgzip\b/.test(accepted) && fs.existsSync(`${file}.gz`)) return { suffix: '.gz', encoding: 'gzip' };
  return null;
}

export function sendPrecompressed(req: Request, res: Response, file: string, cacheControl: string): void {
  const chosen = encodingFor(req, file);
  res.set('Cache-Control', cacheControl);
  res.set('Vary', 'Accept-Encoding');
  res.type(TYPES[path.extname(file)] ?? 'application/octet-stream');
  if (chosen) res.set('Content-Encoding', chosen.encoding);
  res.sendFile(chosen ? `${file}${chosen.suffix}` : file);
}
