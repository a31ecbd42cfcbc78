/**
 * API keys for writes. Keys are random 32-byte tokens shown once at creation; only their SHA-256 is
 * stored (in API_KEYS_FILE, default .keys.json, or the API_KEYS environment variable holding the same
 * JSON). Reads need no key.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../config.js';

export type Role = 'editor' | 'admin';
export interface Actor {
  name: string;
  role: Role;
}
interface StoredKey {
  name: string;
  role: Role;
  sha256: string;
  created: string;
  revoked?: string;
}
interface KeyFile {
  keys: StoredKey[];
}

export const keysFile = () => path.resolve(projectRoot, process.env.API_KEYS_FILE ?? '.keys.json');

const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

function readKeys(): StoredKey[] {
  if (process.env.API_KEYS) return (JSON.parse(process.env.API_KEYS) as KeyFile).keys;
  const file = keysFile();
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as KeyFile).keys : [];
}

function writeKeys(keys: StoredKey[]): void {
  fs.writeFileSync(keysFile(), `${JSON.stringify({ keys }, null, 2)}\n`, { mode: 0o600 });
}

/** The actor a bearer header names: null when there is none, 'invalid' when it matches no live key. */
export function authenticate(header: string | undefined): Actor | null | 'invalid' {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) return 'invalid';
  const digest = hash(match[1]!);
  const key = readKeys().find((k) => !k.revoked && crypto.timingSafeEqual(Buffer.from(k.sha256, 'hex'), Buffer.from(digest, 'hex')));
  return key ? { name: key.name, role: key.role } : 'invalid';
}

export function createKey(name: string, role: Role): string {
  if (!/^[\w.@-]{1,64}$/.test(name)) throw new Error('A key name is 1-64 letters, digits, dots, dashes, underscores or @.');
  const keys = readKeys();
  if (keys.some((k) => k.name === name && !k.revoked)) throw new Error(`A live key named "${name}" exists; revoke it first.`);
  const token = `ckg_${crypto.randomBytes(32).toString('base64url')}`;
  writeKeys([...keys, { name, role, sha256: hash(token), created: new Date().toISOString() }]);
  return token;
}

export function revokeKey(name: string): boolean {
  const keys = readKeys();
  const live = keys.filter((k) => k.name === name && !k.revoked);
  for (const k of live) k.revoked = new Date().toISOString();
  writeKeys(keys);
  return live.length > 0;
}

export function listKeys(): Omit<StoredKey, 'sha256'>[] {
  return readKeys().map(({ sha256: _h, ...k }) => k);
}
