/**
 * API keys for writes. Keys are random 32-byte tokens shown once at creation; only their SHA-256 is
 * stored (in the key file, config's API_KEYS_FILE, default .keys.json, or API_KEYS holding the same
 * JSON). Reads need no key.
 *
 * A KeyStore reads the file once and again only when it changes (its modification time or size), so a
 * request costs one stat, not a parse, and a key created or revoked with `npm run keys` applies to the
 * next request of a running service.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { loadConfig, type KeySettings } from '../config.js';

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

const hash = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export class KeyStore {
  private cached: { mtimeMs: number; size: number; keys: StoredKey[] } | undefined;
  private readonly inline: StoredKey[] | undefined;

  constructor(private readonly settings: KeySettings) {
    this.inline = settings.inline === undefined ? undefined : (JSON.parse(settings.inline) as KeyFile).keys;
  }

  /** Where keys are created and revoked. */
  get file(): string {
    return this.settings.file;
  }

  /** The stored keys: API_KEYS as given, else the key file as it is now (re-read only when it changed). */
  keys(): StoredKey[] {
    if (this.inline) return this.inline;
    let stat: fs.Stats;
    try {
      stat = fs.statSync(this.settings.file);
    } catch {
      this.cached = undefined;
      return [];
    }
    if (this.cached?.mtimeMs !== stat.mtimeMs || this.cached.size !== stat.size) {
      this.cached = { mtimeMs: stat.mtimeMs, size: stat.size, keys: (JSON.parse(fs.readFileSync(this.settings.file, 'utf8')) as KeyFile).keys };
    }
    return this.cached.keys;
  }

  private write(keys: StoredKey[]): void {
    fs.writeFileSync(this.settings.file, `${JSON.stringify({ keys }, null, 2)}\n`, { mode: 0o600 });
    this.cached = undefined;
  }

  /** The actor a bearer header names: null when there is none, 'invalid' when it matches no live key. */
  authenticate(header: string | undefined): Actor | null | 'invalid' {
    if (!header) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    if (!match) return 'invalid';
    const digest = Buffer.from(hash(match[1]!), 'hex');
    const key = this.keys().find((k) => !k.revoked && crypto.timingSafeEqual(Buffer.from(k.sha256, 'hex'), digest));
    return key ? { name: key.name, role: key.role } : 'invalid';
  }

  create(name: string, role: Role): string {
    if (!/^[\w.@-]{1,64}$/.test(name)) throw new Error('A key name is 1-64 letters, digits, dots, dashes, underscores or @.');
    const keys = this.keys();
    if (keys.some((k) => k.name === name && !k.revoked)) throw new Error(`A live key named "${name}" exists; revoke it first.`);
    const token = `ckg_${crypto.randomBytes(32).toString('base64url')}`;
    this.write([...keys, { name, role, sha256: hash(token), created: new Date().toISOString() }]);
    return token;
  }

  revoke(name: string): boolean {
    const keys = this.keys().map((k) => ({ ...k }));
    const live = keys.filter((k) => k.name === name && !k.revoked);
    for (const k of live) k.revoked = new Date().toISOString();
    this.write(keys);
    return live.length > 0;
  }

  list(): Omit<StoredKey, 'sha256'>[] {
    return this.keys().map(({ sha256: _h, ...k }) => k);
  }
}
