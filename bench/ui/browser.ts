// Shared by the UI benchmarks (bench/ui-*.ts): serve the built app with `vite preview` and drive
// it in Debian's Chromium, as a first-time visitor would meet it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';

export const ROOT = join(import.meta.dirname, '..', '..');
export const DIST = join(ROOT, 'dist');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`vite preview did not answer at ${url}`);
}

/** Serves dist/ on a free port for the duration of `fn`, and stops the server afterwards. */
export async function withPreview<T>(fn: (baseUrl: string) => Promise<T>): Promise<T> {
  const port = await freePort();
  const child = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1', '--logLevel', 'silent'], {
    cwd: ROOT, stdio: 'ignore', detached: true,
  });
  const base = `http://127.0.0.1:${port}/`;
  try {
    await waitForHttp(base, child, 30_000);
    return await fn(base);
  } finally {
    // The server runs in its own process group (npx → node); end the whole group.
    if (child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }
}

/** Debian's Chromium, headless, as the end-to-end tests run it. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * Waits until the lab is interactive — its topology drawn (the director's node in the canvas) and
 * the play button enabled — and returns when that happened, in ms since navigation started.
 */
export async function interactiveAt(page: Page, node = 'director', timeoutMs = 30_000): Promise<number> {
  const handle = await page.waitForFunction((id) => {
    const drawn = document.querySelector(`[data-testid="canvas"] [data-testid="node-${id}"]`);
    const play = document.querySelector<HTMLButtonElement>('[data-testid="play"]');
    return drawn && play && !play.disabled ? performance.now() : false;
  }, node, { polling: 'raf', timeout: timeoutMs });
  return (await handle.jsonValue()) as number;
}
