import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface RelayWorker {
  child: ChildProcess;
  /** Resolves once the relay runs. */
  ready: Promise<void>;
  exited: Promise<void>;
  /** Events the worker has seen confirmed so far, by its own count. */
  published(): number;
  /** Whether the worker has said it hangs in a publish (RELAY_HALT_AFTER). */
  halted(): boolean;
}

/** Starts relay-worker.ts in a process of its own, with `env` added to this one's. */
export function spawnRelayWorker(env: Record<string, string>): RelayWorker {
  const child = spawn(process.execPath, ['--import', 'jiti/register', path.join(here, 'relay-worker.ts')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let written = '';
  let published = 0;
  child.stdout?.on('data', (chunk: Buffer) => {
    written += chunk.toString();
    const last = written.match(/published (\d+)\n(?![\s\S]*published \d+\n)/);
    if (last) published = Number(last[1]);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', () => written.includes('ready\n') && resolve());
    child.once('exit', (code, signal) => reject(new Error(`relay worker exited (${code ?? signal}) before it was ready`)));
  });
  return { child, ready, exited, published: () => published, halted: () => written.includes('halted\n') };
}
