/**
 * `npm run keys -- create <name> <editor|admin>` prints a new API key once (store it: only its hash is kept);
 * `npm run keys -- revoke <name>`; `npm run keys -- list`.
 */
import { createKey, keysFile, listKeys, revokeKey, type Role } from '../src/auth/api-keys.js';

const [command, name, role] = process.argv.slice(2);
try {
  if (command === 'create' && name && (role === 'editor' || role === 'admin')) {
    const token = createKey(name, role as Role);
    console.log(`created ${role} key "${name}" in ${keysFile()}; it is shown only now:\n${token}`);
  } else if (command === 'revoke' && name) {
    console.log(revokeKey(name) ? `revoked "${name}"` : `no live key named "${name}"`);
  } else if (command === 'list') {
    console.table(listKeys());
  } else {
    console.error('usage: npm run keys -- create <name> <editor|admin> | revoke <name> | list');
    process.exit(2);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
