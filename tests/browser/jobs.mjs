// tests/browser/jobs.mjs — the focus of this file is jobs as the creator sees them in
// Debian's headless Chromium (playwright-core), issue 18: a job shows one overall
// progress with an ETA; Cancel stops it and the page says so (the bar is not full and
// not green); Resume starts it again; the server is killed with -9 while the job runs and
// restarted on the same port: the reloaded page shows the job still running, a second
// job is refused (409), and the page shows "Finished" when the orphaned job ends.
// Screenshots go to $SHOTS (or /tmp). Exits non-zero on a failure.
// usage: node tests/browser/jobs.mjs DRAMA_BIN WORKSPACE
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const [bin, ws] = process.argv.slice(2);
const shots = process.env.SHOTS || '/tmp';
let passed = 0, failed = 0;
function check(name, cond, detail) {
  if (cond) { passed++; console.error(`ok   ${name}`); } else { failed++; console.error(`FAIL ${name}${detail ? ': ' + detail : ''}`); }
}

function serve(port) {
  const server = spawn(bin, ['serve', ws, '--port', String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => { out += d; const m = out.match(/http:\/\/\S+/); if (m) resolve({ server, url: m[0] }); });
    server.on('exit', (c) => reject(new Error('drama serve exited with ' + c)));
    setTimeout(() => reject(new Error('drama serve did not print its address')), 10000);
  });
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic'],
});
let server = null;
try {
  let s = await serve(0);
  server = s.server;
  const url = s.url, port = Number(new URL(url).port);
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.click('#new-btn');
  await page.fill('#f-keywords', 'lighthouse keeper, storm, secret letter');
  await page.fill('#f-minutes', '0.5');
  await page.click('details.advanced summary');
  await page.selectOption('#f-size', '360x640');
  await page.selectOption('#f-fps', '15');
  await page.click('button[type=submit]');
  await page.waitForSelector('#btn-cancel:not(.hidden)', { timeout: 10000 });
  const name = decodeURIComponent(page.url().split('#p=')[1]);
  // overall progress: one bar for the whole job, with a time estimate once it moves
  await page.waitForFunction(() => /left/.test(document.querySelector('#job-msg').textContent), null, { timeout: 60000 }).catch(() => {});
  await page.screenshot({ path: `${shots}/jobs-1-progress.png` });
  check('overall progress with an ETA', /\d+%/.test(await page.textContent('#job-pct')) && /left/.test(await page.textContent('#job-msg')),
    (await page.textContent('#job-pct')) + ' ' + (await page.textContent('#job-msg')));

  // Cancel
  await page.click('#btn-cancel');
  await page.waitForFunction(() => document.querySelector('#job-stage').textContent === 'Cancelled', null, { timeout: 20000 });
  await page.screenshot({ path: `${shots}/jobs-2-cancelled.png` });
  const bar = await page.evaluate(() => [document.querySelector('#job-bar').style.width, getComputedStyle(document.querySelector('#job-bar')).backgroundImage]);
  check('cancelled: the bar is not shown as a success', bar[0] !== '100%' && !/43, 138, 62/.test(bar[1]), JSON.stringify(bar));
  check('cancelled: the reason is readable and has no folder paths', !(await page.textContent('#job-error')).includes(ws),
    await page.textContent('#job-error'));
  check('Render becomes Resume', (await page.textContent('#btn-render')) === 'Resume');

  // Resume, then kill the server with -9 while the job runs
  await page.click('#btn-render');
  await page.waitForSelector('#btn-cancel:not(.hidden)', { timeout: 10000 });
  await page.waitForTimeout(1500);
  server.kill('SIGKILL');
  await new Promise((r) => server.once('exit', r));
  s = await serve(port);   // the same address: the orphaned job holds no listening socket
  server = s.server;
  await page.reload();
  await page.waitForSelector('#project:not(.hidden)');
  await page.waitForSelector('#job:not(.hidden)', { timeout: 10000 });
  const stage = await page.textContent('#job-stage');
  check('after the restart the job shows as running', !['Finished', 'Interrupted', 'Cancelled', 'Stopped with a problem'].includes(stage), stage);
  await page.screenshot({ path: `${shots}/jobs-3-after-restart.png` });
  const second = await page.evaluate(async (n) => (await fetch(`/api/projects/${encodeURIComponent(n)}/jobs`, {
    method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Drama': '1' }, body: '{"stage":"render"}' })).status, name);
  check('a second job is refused while the orphan runs', second === 409, String(second));
  await page.waitForFunction(() => ['Finished', 'Stopped with a problem', 'Interrupted', 'Cancelled'].includes(document.querySelector('#job-stage').textContent),
    null, { timeout: 300000 });
  check('the orphaned job is shown finished', (await page.textContent('#job-stage')) === 'Finished', await page.textContent('#job-error'));
  await page.waitForSelector('video', { timeout: 20000 });
  await page.screenshot({ path: `${shots}/jobs-4-finished.png` });
  check('its episode is there', existsSync(`${ws}/${name}/ep01.mp4`));
  // the server stops: the page keeps what it shows and raises no script error (the
  // project list's tick and a refresh both meet a closed port)
  const title = await page.textContent('#p-title');
  server.kill('SIGKILL');
  await new Promise((r) => server.once('exit', r));
  server = null;
  await page.evaluate(() => window.dispatchEvent(new HashChangeEvent('hashchange')));   // a refresh now
  await page.waitForTimeout(5500);
  check('while the server is away the project stays shown', (await page.textContent('#p-title')) === title &&
    (await page.$$('#projects li')).length > 0, await page.textContent('#p-title'));
  check('no script errors', errors.length === 0, errors.join('; '));
} catch (e) {
  failed++;
  console.error('FAIL ' + e.stack);
} finally {
  await browser.close();
  if (server) server.kill('SIGTERM');
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
