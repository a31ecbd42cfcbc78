/**
 * What every command-line script shares: `runMain` runs its `main()` and exits with its code, printing
 * a refusal (AppError: its problems, one a line) or a startup failure (StartupError) as a sentence and
 * anything unexpected in full; `cliActor` names the person at the terminal in audit records.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Actor } from '../src/auth/api-keys.js';
import { AppError, StartupError } from '../src/errors.js';

interface Problem {
  record: string;
  field: string;
  reason: string;
}

/** The audit name of whoever runs a script: `cli:<login>`, with the admin role. */
export const cliActor = (): Actor => ({ name: `cli:${os.userInfo().username}`, role: 'admin' });

export function reportError(error: unknown): void {
  const problems = error instanceof AppError && Array.isArray(error.extensions.problems) ? (error.extensions.problems as Problem[]) : null;
  if (error instanceof AppError && problems) {
    const count = typeof error.extensions.problemCount === 'number' ? error.extensions.problemCount : problems.length;
    console.error(`refused; nothing was written. ${count} problem(s):`);
    for (const p of problems) console.error(`  ${p.record}  ${p.field}: ${p.reason}`);
  } else if (error instanceof AppError || error instanceof StartupError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
}

/** Runs `main` and exits with the code it returns (0 when it returns nothing), or 1 after reporting what it threw. */
export async function runMain(main: () => number | void | Promise<number | void>): Promise<never> {
  let code: number;
  try {
    code = (await main()) ?? 0;
  } catch (error) {
    reportError(error);
    code = 1;
  }
  process.exit(code);
}

/** The operations of examples/ (file name and text), in name order: the load scripts' and the manifest's. */
export function exampleOperations(): { file: string; text: string }[] {
  return fs
    .readdirSync('examples')
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((file) => ({ file, text: fs.readFileSync(path.join('examples', file), 'utf8') }));
}
