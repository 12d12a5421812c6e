// tests/browser/common.mjs — what the workbench's browser scripts share: named checks
// counted into the closing "N passed, N failed" line, a `drama serve` child on a free
// port, and Debian's headless Chromium.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';

export const counts = { passed: 0, failed: 0 };

export function check(name, cond, detail) {
  if (cond) { counts.passed++; console.error(`ok   ${name}`); } else { counts.failed++; console.error(`FAIL ${name}${detail ? ': ' + detail : ''}`); }
}

// `drama serve WS --port 0`: { server (the child), url (its printed address) }.
export async function serve(bin, ws) {
  const server = spawn(bin, ['serve', ws, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => { out += d; const m = out.match(/http:\/\/\S+/); if (m) resolve(m[0]); });
    server.on('exit', (c) => reject(new Error('drama serve exited with ' + c)));
    setTimeout(() => reject(new Error('drama serve did not print its address')), 10000);
  });
  return { server, url };
}

export function launch(extra) {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'].concat(extra || []),
  });
}

// Page errors and failed requests (4xx/5xx) into the list `errors`.
export function watchErrors(page, errors) {
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(`${r.status()} ${r.url()}`); });
}

// The closing line; exits 1 when a check failed.
export function finish() {
  console.log(`${counts.passed} passed, ${counts.failed} failed`);
  process.exit(counts.failed ? 1 : 0);
}

// What ends every script: an exception is a failure; the browser and server are closed.
export function fail(e) { counts.failed++; console.error('FAIL ' + e.message); }
export async function close(browser, server) { await browser.close(); server.kill('SIGTERM'); }
