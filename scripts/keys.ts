/**
 * `npm run keys -- create <name> <editor|admin>` prints a new API key once (store it: only its hash is kept);
 * `npm run keys -- revoke <name>`; `npm run keys -- list`. The key file is config's API_KEYS_FILE.
 */
import { KeyStore } from '../src/auth/api-keys.js';
import { loadConfig } from '../src/config.js';
import { runMain } from './cli.js';

function main(args: string[]): number {
  const [command, name, role] = args;
  const keys = new KeyStore(loadConfig().apiKeys);
  if (command === 'create' && name && (role === 'editor' || role === 'admin')) {
    const token = keys.create(name, role);
    console.log(`created ${role} key "${name}" in ${keys.file}; it is shown only now:\n${token}`);
  } else if (command === 'revoke' && name) {
    console.log(keys.revoke(name) ? `revoked "${name}"` : `no live key named "${name}"`);
  } else if (command === 'list') {
    console.table(keys.list());
  } else {
    console.error('usage: npm run keys -- create <name> <editor|admin> | revoke <name> | list');
    return 2;
  }
  return 0;
}

runMain(() => main(process.argv.slice(2)));
