/**
 * Starts `npm start` as a child process for the load scripts: on free loopback ports, with its own
 * embedded Neo4j in a temporary data folder, in production mode; resolves once /health answers 200.
 * `stop` ends it (SIGTERM, waiting for its exit) and removes the folder; it is also ended if this
 * process exits first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../src/db/embedded.js';

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  url: string;
  stop(): Promise<void>;
}

export async function startServerProcess(name: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `commit-kg-${name}-`));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NEO4J_EMBEDDED_PORT: String(await freePort()), NEO4J_DATA_DIR: dataDir, LOG_LEVEL: 'warn', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const kill = () => child.kill('SIGTERM');
  process.on('exit', kill);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000;
  while (!(await fetch(`${url}/health`).then((r) => r.ok, () => false))) {
    if (Date.now() > deadline || child.exitCode !== null) {
      kill();
      throw new Error('the server did not become healthy');
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    child,
    port,
    url,
    stop: async () => {
      process.off('exit', kill);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        kill();
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Resident memory of a process (Linux /proc), in bytes. */
export function rssOf(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
}
