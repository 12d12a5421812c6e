// tests/browser/timeline.mjs — the focus of this file is finding and redoing one shot from
// the player: a strip of the episode's shots under the video marks the shot under the
// playhead; the "now" button and a strip cell open that shot's row in the script editor;
// the row's Regenerate button renders a new take of that shot only (the job's log says
// 1 segment drawn). Screenshots go to $SHOTS or /tmp. Exits non-zero on a failure.
// usage: node tests/browser/timeline.mjs DRAMA_BIN WORKSPACE
import { chromium } from 'playwright-core';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const [bin, ws] = process.argv.slice(2);
const shots = process.env.SHOTS || '/tmp';
let passed = 0, failed = 0;
function check(name, cond, detail) {
  if (cond) { passed++; console.error(`ok   ${name}`); } else { failed++; console.error(`FAIL ${name}${detail ? ': ' + detail : ''}`); }
}

// a small real project, made by the CLI before the server starts
const made = spawnSync(bin, ['make', 'milk tea shop, prince', '-o', `${ws}/tea`, '--size', '216x384', '--fps', '10', '--minutes', '0.5'],
  { env: Object.assign({}, process.env, { DRAMA_NO_BAR: '1' }), encoding: 'utf8' });
if (made.status !== 0) { console.error(made.stderr); process.exit(1); }

const server = spawn(bin, ['serve', ws, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  let out = '';
  server.stdout.on('data', (d) => { out += d; const m = out.match(/http:\/\/\S+/); if (m) resolve(m[0]); });
  server.on('exit', (c) => reject(new Error('drama serve exited with ' + c)));
  setTimeout(() => reject(new Error('drama serve did not print its address')), 10000);
});

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(`${r.status()} ${r.url()}`); });
  await page.goto(url + '#p=tea');
  await page.waitForSelector('.player .strip .cell', { timeout: 20000 });
  const sb = JSON.parse(readFileSync(`${ws}/tea/storyboard.json`, 'utf8'));
  const nShots = sb.episodes[0].scenes.reduce((n, sc) => n + sc.shots.length, 0);
  const tl = await page.evaluate(async () => (await (await fetch('/api/projects/tea')).json()).episodes[0].timeline);
  check('a strip cell per shot', (await page.locator('.player .cell').count()) === nShots && tl.shots.length === nShots,
    `${await page.locator('.player .cell').count()} cells, ${nShots} shots`);
  check('shot starts increase and end before the end card', tl.shots.every((s, i) => i === 0 || s.start > tl.shots[i - 1].start) &&
    tl.shots[0].start > 0 && tl.end > tl.shots[nShots - 1].start, JSON.stringify(tl));
  await page.waitForFunction(() => Number.isFinite(document.querySelector('video').duration), null, { timeout: 20000 });
  const dur = await page.evaluate(() => document.querySelector('video').duration);
  check('the timeline spans the video', Math.abs(dur - (tl.end + 2.5)) < 0.3, `video ${dur} s, end card at ${tl.end} s`);

  // the playhead inside the third shot: that cell is marked and the "now" button names it
  const k = Math.min(2, nShots - 1), want = tl.shots[k];
  const mid = (want.start + (k + 1 < nShots ? tl.shots[k + 1].start : tl.end)) / 2;
  await page.evaluate((t) => new Promise((res) => { const v = document.querySelector('video'); v.addEventListener('seeked', res, { once: true }); v.currentTime = t; }), mid);
  await page.waitForSelector(`.player .cell.current[data-i="${k}"]`, { timeout: 5000 });
  check('the playhead\'s shot is marked', (await page.locator('.player .cell.current').count()) === 1);
  const nowText = await page.textContent('.player .now');
  check('the now button names the shot', nowText.includes(`scene ${want.scene + 1}, shot ${want.shot + 1}`), nowText);
  const head = await page.evaluate(() => parseFloat(document.querySelector('.player .playhead').style.left));
  check('the playhead sits at the time', Math.abs(head - 100 * mid / dur) < 1, `${head}% vs ${100 * mid / dur}%`);
  await page.screenshot({ path: `${shots}/tl-1-strip.png` });
  await page.locator('.episode .player').screenshot({ path: `${shots}/tl-1b-player.png` });

  // the now button opens the shot's row in the script editor
  const rowSel = (s) => `#script .shot[data-shot="episodes[0].scenes[${s.scene}].shots[${s.shot}]"]`;
  await page.click('.player .now');
  await page.waitForSelector('#tab-script:not(.hidden)');
  const focused = await page.evaluate((sel) => {
    const row = document.querySelector(sel), r = row.getBoundingClientRect();
    return { focus: row.classList.contains('focus'), active: row.contains(document.activeElement), visible: r.top >= 0 && r.bottom <= innerHeight,
      marked: document.querySelectorAll('#script .shot.focus').length };
  }, rowSel(want));
  check('the now button jumps to the shot\'s editor row', focused.focus && focused.active && focused.visible && focused.marked === 1, JSON.stringify(focused));
  await page.screenshot({ path: `${shots}/tl-2-jumped.png` });

  // a strip cell does the same for its shot
  await page.click('.tabs button[data-tab=watch]');
  await page.click('.player .cell[data-i="0"]');
  await page.waitForSelector('#tab-script:not(.hidden)');
  check('a strip cell jumps to its row', await page.evaluate((sel) => document.querySelector(sel).classList.contains('focus') &&
    document.querySelectorAll('#script .shot.focus').length === 1, rowSel(tl.shots[0])));

  // regenerate that shot: a new take, one segment drawn, the others reused
  await page.locator(rowSel(want)).locator('button.regen').click();
  await page.waitForFunction(() => document.querySelector('#job-stage').textContent === 'Finished', null, { timeout: 300000 });
  const log = readFileSync(`${ws}/tea/job.log`, 'utf8');
  const m = log.match(/(\d+) segments drawn, (\d+) reused/);
  check('regenerate draws exactly one segment', m && m[1] === '1' && Number(m[2]) === nShots + 1, m ? m[0] : log);
  const sb2 = JSON.parse(readFileSync(`${ws}/tea/storyboard.json`, 'utf8'));
  const takes = sb2.episodes[0].scenes.flatMap((sc, si) => sc.shots.map((sh, hi) => [si, hi, sh.take || 0])).filter((x) => x[2]);
  check('only that shot has a new take', JSON.stringify(takes) === JSON.stringify([[want.scene, want.shot, 1]]), JSON.stringify(takes));
  await page.screenshot({ path: `${shots}/tl-3-regenerated.png` });
  check('no script errors in the page', errors.length === 0, errors.join('; '));
} catch (e) {
  failed++;
  console.error('FAIL ' + e.message);
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
