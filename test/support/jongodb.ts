// Starts jongodb, a MongoDB wire-protocol server shipped as an optional npm binary, so the Mongo
// adapter is tested on machines where no mongod can be installed. jongodb ignores SIGTERM, so it is
// stopped with SIGKILL; a small shell guard kills it too when the test process dies without
// cleaning up (even by SIGKILL), so no server is left behind.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

const PACKAGE = '@jongodb/memory-server-bin-linux-x64-gnu';
const START_TIMEOUT_MS = 15_000;

export interface Jongodb {
  /** As printed by the server, e.g. `mongodb://127.0.0.1:40123/test`. */
  uri: string;
  stop(): void;
}

/** The binary's path, or why it is not there. */
export function findJongodb(): { binary: string } | { missing: string } {
  try {
    const binary = join(dirname(createRequire(import.meta.url).resolve(`${PACKAGE}/package.json`)), 'bin', 'jongodb');
    if (existsSync(binary)) return { binary };
  } catch {
    // Not installed: npm skips the optional dependency off linux-x64-gnu.
  }
  return {
    missing:
      `${PACKAGE} is not installed (it exists only for linux-x64 with glibc); ` +
      'set MONGODB_URI to test against a MongoDB server',
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startJongodb(binary: string): Promise<Jongodb> {
  // The shell runs the server in the background and waits on its stdin, a pipe only this process
  // holds: when this process ends, however it ends, the read returns and the shell kills the server.
  // Port 0: the server takes a free port itself and names it in its URI, so no parallel test process
  // can take the port between choosing it and the server listening on it.
  const guard = spawn('sh', ['-c', '"$0" "$1" & read _; kill -9 $!', binary, '--port=0'], {
    detached: true, // its own process group, so stop() can kill shell and server together
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stop = () => {
    try {
      process.kill(-(guard.pid as number), 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  let stderr = '';
  guard.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  try {
    const uri = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`jongodb printed no URI within ${START_TIMEOUT_MS} ms: ${stderr}`)),
        START_TIMEOUT_MS,
      );
      guard.once('exit', (code) => reject(new Error(`jongodb exited (${code}) before starting: ${stderr}`)));
      // Keep reading after the URI line, so a chatty server never blocks on a full pipe.
      createInterface({ input: guard.stdout }).on('line', (line) => {
        const uri = /^JONGODB_URI=(\S+)/.exec(line)?.[1];
        if (uri) {
          clearTimeout(timer);
          resolve(uri);
        }
      });
    });
    const port = Number(new URL(uri).port);
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (!(await accepts(port))) {
      if (Date.now() > deadline) throw new Error(`jongodb printed ${uri} but does not accept connections`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { uri, stop };
  } catch (err) {
    stop();
    throw err;
  }
}
