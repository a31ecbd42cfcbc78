/**
 * Launches the embedded Neo4j (neo4j/, a small Maven project) as a child JVM and stops it again.
 *
 * Contract: `startEmbeddedNeo4j` resolves once Bolt accepts connections, or rejects with an
 * `EmbeddedStartError` whose message names the cause (Java or Maven missing, port taken, the last
 * lines of Neo4j's log). The child watches its stdin, so it exits even if this process dies without
 * running `stop()`: no orphan JVM.
 *
 * Authentication is always on. The password is NEO4J_PASSWORD when set, else a random one generated at
 * the first start and kept in `<dataDir>/password` (mode 0600); the handle carries it, so every caller
 * (npm start, scripts, tests, bench) connects with the credentials it is given, never with a default.
 */
import crypto from 'node:crypto';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { projectRoot, type EmbeddedSettings } from '../config.js';
import { StartupError } from '../errors.js';

export class EmbeddedStartError extends StartupError {}

const neo4jDir = path.join(projectRoot, 'neo4j');
const classpathFile = path.join(neo4jDir, 'target', 'classpath.txt');
const classesDir = path.join(neo4jDir, 'target', 'classes');
const mainClass = 'org.commit.graph.EmbeddedNeo4j';
const launcherSource = path.join(neo4jDir, 'src/main/java/org/commit/graph/EmbeddedNeo4j.java');

/** JVM flags Neo4j 5 needs on Java 17, as its own neo4j.conf sets them. */
const jvmOpens = [
  'java.base/java.nio',
  'java.base/java.io',
  'java.base/java.lang',
  'java.base/java.util',
  'java.base/java.util.concurrent',
  'java.base/sun.nio.ch',
].map((pkg) => `--add-opens=${pkg}=ALL-UNNAMED`);

/** What a client needs to connect to the embedded Neo4j. */
export interface EmbeddedCredentials {
  user: string;
  password: string;
}

export interface EmbeddedNeo4j extends EmbeddedCredentials {
  uri: string;
  pid: number;
  /** Stops the JVM (SIGTERM, then SIGKILL after the grace period). Safe to call twice. */
  stop(): Promise<void>;
  /** Resolves when the JVM exits for any reason. */
  exited: Promise<number | null>;
  /** The JVM's exit code, or null while it runs. */
  exitCode(): number | null;
}

type Log = (message: string) => void;

function commandExists(cmd: string, args: string[]): boolean {
  const result = spawnSync(cmd, args, { stdio: 'ignore' });
  return !result.error && result.status === 0;
}

function isStale(): boolean {
  if (!fs.existsSync(classpathFile) || !fs.existsSync(path.join(classesDir, 'org/commit/graph/EmbeddedNeo4j.class'))) {
    return true;
  }
  const built = fs.statSync(classpathFile).mtimeMs;
  return [path.join(neo4jDir, 'pom.xml'), launcherSource].some((f) => fs.statSync(f).mtimeMs > built);
}

/** Builds the launcher once (Maven resolves Neo4j from Maven Central); later starts skip this. */
export function buildEmbeddedNeo4j(log: Log = () => {}, force = false): void {
  if (!commandExists('java', ['-version'])) {
    throw new EmbeddedStartError('Java is not installed or not on PATH: the embedded Neo4j needs a JDK 17 or newer (or set NEO4J_URI to use an existing Neo4j).');
  }
  if (!force && !isStale()) return;
  if (!commandExists('mvn', ['-v'])) {
    throw new EmbeddedStartError('Maven (mvn) is not installed or not on PATH: it is needed once to fetch the embedded Neo4j (or set NEO4J_URI to use an existing Neo4j).');
  }
  log('building the embedded Neo4j launcher with Maven (first run downloads Neo4j 5.26 from Maven Central)');
  const result = spawnSync('mvn', ['-q', '-B', '-f', path.join(neo4jDir, 'pom.xml'), 'compile'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.status !== 0) {
    const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-15).join('\n');
    throw new EmbeddedStartError(`Maven could not build the embedded Neo4j launcher:\n${tail}`);
  }
}

export function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A free TCP port on loopback, chosen by the OS. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host: '127.0.0.1' }, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function lastLines(file: string, n: number): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-n).join('\n');
  } catch {
    return '(no log written)';
  }
}

export const passwordFile = (dataDir: string) => path.join(dataDir, 'password');

/**
 * The credentials of the embedded Neo4j whose data lives in `dataDir`: `given` (config's NEO4J_PASSWORD,
 * at least 8 characters) when set, else the password kept in `<dataDir>/password`, generated (mode 0600)
 * when absent. Scripts that connect to the embedded Neo4j of a running `npm start` use this too.
 */
export function embeddedCredentials(dataDir: string, given?: string): EmbeddedCredentials {
  if (given !== undefined && given !== '') {
    if (given.length < 8) throw new EmbeddedStartError('NEO4J_PASSWORD must be at least 8 characters.');
    return { user: 'neo4j', password: given };
  }
  const file = passwordFile(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    // 'wx': create only if absent, so two starts never overwrite each other's password.
    fs.writeFileSync(file, `${crypto.randomBytes(24).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const mode = fs.statSync(file).mode & 0o777;
  if (mode & 0o077) fs.chmodSync(file, 0o600);
  const password = fs.readFileSync(file, 'utf8').trim();
  if (password.length < 8) throw new EmbeddedStartError(`${file} must hold a password of at least 8 characters; delete it to generate a new one.`);
  return { user: 'neo4j', password };
}

/** The JVM's arguments: heap, Neo4j's --add-opens, the launcher and its classpath (plus plugin jars). */
function jvmArguments(settings: EmbeddedSettings): string[] {
  // Plugins (APOC, for the benchmark only) go on the classpath too: their extension factories, which
  // register components such as ApocConfig, are only discovered there; the plugin folder adds the procedures.
  const pluginDir = settings.pluginDir;
  const pluginJars = pluginDir && fs.existsSync(pluginDir) ? fs.readdirSync(pluginDir).filter((f) => f.endsWith('.jar')).map((f) => path.join(pluginDir, f)) : [];
  const classpath = [classesDir, fs.readFileSync(classpathFile, 'utf8').trim(), ...pluginJars].join(path.delimiter);
  return [`-Xms${settings.heap}`, `-Xmx${settings.heap}`, '-XX:+UseG1GC', '-XX:+ExitOnOutOfMemoryError', '-Dfile.encoding=UTF-8', ...jvmOpens, '-cp', classpath, mainClass];
}

/** Starts the JVM; the launcher reads its settings from these variables. */
function spawnNeo4j(settings: EmbeddedSettings, credentials: EmbeddedCredentials): ChildProcess {
  return spawn('java', jvmArguments(settings), {
    env: {
      ...process.env,
      NEO4J_EMBEDDED_PORT: String(settings.port),
      NEO4J_DATA_DIR: settings.dataDir,
      NEO4J_PAGECACHE: settings.pageCache,
      NEO4J_TX_TIMEOUT: settings.txTimeout,
      NEO4J_PASSWORD: credentials.password,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

/** Resolves with the Bolt URI the launcher prints (`READY <uri>`); rejects if the JVM fails, exits or takes too long. */
function readyUri(child: ChildProcess, exited: Promise<number | null>, settings: EmbeddedSettings, log: Log, started: number): Promise<string> {
  const stderrLines: string[] = [];
  readline.createInterface({ input: child.stderr! }).on('line', (line) => {
    stderrLines.push(line);
    if (stderrLines.length > 50) stderrLines.shift();
  });
  const neo4jLog = () => lastLines(path.join(settings.dataDir, 'logs', 'debug.log'), 20);
  return new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      log(`waiting for Neo4j Bolt on 127.0.0.1:${settings.port} (${Math.round((Date.now() - started) / 1000)}s)`);
    }, 5000);
    const deadline = setTimeout(() => {
      child.kill('SIGKILL');
      finish(new EmbeddedStartError(`Neo4j did not open Bolt within ${settings.startTimeoutMs} ms. Last log lines:\n${neo4jLog()}`));
    }, settings.startTimeoutMs);
    const finish = (result: string | Error) => {
      clearInterval(timer);
      clearTimeout(deadline);
      if (result instanceof Error) reject(result);
      else resolve(result);
    };
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('READY ')) finish(line.slice('READY '.length).trim());
    });
    child.once('error', (err) => finish(new EmbeddedStartError(`could not run java: ${err.message}`)));
    void exited.then((code) => {
      const ownError = stderrLines.filter((l) => l.startsWith('ERROR ')).map((l) => l.slice(6)).join('\n');
      finish(new EmbeddedStartError(`Neo4j exited with code ${code} before it was ready. ${ownError}\nLast log lines:\n${neo4jLog()}`));
    });
  });
}

/** Stops the JVM: SIGTERM, then SIGKILL after the grace period. Safe to call twice. */
function stopper(child: ChildProcess, exited: Promise<number | null>): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killTimer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(killTimer);
    })();
    return stopping;
  };
}

export async function startEmbeddedNeo4j(settings: EmbeddedSettings, log: Log = () => {}): Promise<EmbeddedNeo4j> {
  buildEmbeddedNeo4j(log);
  if (!(await portIsFree(settings.port))) {
    throw new EmbeddedStartError(
      `Bolt port 127.0.0.1:${settings.port} is already in use; set NEO4J_EMBEDDED_PORT to a free port (or NEO4J_URI to use the Neo4j already running there).`,
    );
  }
  fs.mkdirSync(settings.dataDir, { recursive: true });
  const credentials = embeddedCredentials(settings.dataDir, settings.password);
  const started = Date.now();
  const child = spawnNeo4j(settings, credentials);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const uri = await readyUri(child, exited, settings, log, started);
  log(`Neo4j ready at ${uri} in ${((Date.now() - started) / 1000).toFixed(1)}s (data in ${settings.dataDir})`);
  return { uri, ...credentials, pid: child.pid!, stop: stopper(child, exited), exited, exitCode: () => child.exitCode ?? (child.signalCode ? -1 : null) };
}
