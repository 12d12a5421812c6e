// tests/browser/workbench.mjs — the focus of this file is the workbench page in a real
// browser: Debian's headless Chromium driven by playwright-core creates a project from
// keywords, watches the job finish, plays the episode in the page, edits a line and saves
// it, shows a thumbnail per shot, moves and deletes shots, changes a look in the cast editor (live sheet preview, then
// saved and redrawn), and takes screenshots (written to $SHOTS or /tmp). Exits non-zero on a failure.
// usage: node tests/browser/workbench.mjs DRAMA_BIN WORKSPACE
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const [bin, ws] = process.argv.slice(2);
const shots = process.env.SHOTS || '/tmp';
let passed = 0, failed = 0;
function check(name, cond, detail) {
  if (cond) { passed++; console.error(`ok   ${name}`); } else { failed++; console.error(`FAIL ${name}${detail ? ': ' + detail : ''}`); }
}

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
    '--disable-sync', '--no-first-run', '--disable-quic', '--autoplay-policy=no-user-gesture-required'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.screenshot({ path: `${shots}/wb-1-welcome.png` });
  check('page loads', await page.isVisible('text=From an idea to a vertical episode'));

  await page.click('#new-btn');
  await page.fill('#f-keywords', 'small-town bakery, returning rival, family recipe');
  await page.fill('#f-minutes', '0.5');
  await page.click('details.advanced summary');
  await page.selectOption('#f-size', '360x640');
  await page.selectOption('#f-fps', '15');
  await page.screenshot({ path: `${shots}/wb-2-new.png` });
  await page.click('button[type=submit]');
  await page.waitForSelector('#project:not(.hidden)');
  check('project opens after create', page.url().includes('#p='));
  await page.waitForSelector('#job:not(.hidden)', { timeout: 10000 });
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `${shots}/wb-3-progress.png` });
  await page.waitForFunction(() => ['Finished', 'Stopped', 'Interrupted'].includes(document.querySelector('#job-stage').textContent),
    null, { timeout: 600000 });
  const stage = await page.textContent('#job-stage');
  check('job finishes', stage === 'Finished', stage + ' ' + (await page.textContent('#job-msg')));

  // reload: the page picks the project up again
  await page.reload();
  await page.waitForSelector('video', { timeout: 20000 });
  const played = await page.evaluate(async () => {
    const v = document.querySelector('video');
    v.muted = true;
    await v.play();
    await new Promise((r) => setTimeout(r, 1500));
    return { t: v.currentTime, w: v.videoWidth, h: v.videoHeight, d: v.duration };
  });
  check('video plays in the page', played.t > 0.3 && played.w === 360 && played.h === 640, JSON.stringify(played));
  await page.screenshot({ path: `${shots}/wb-4-watch.png` });

  await page.click('.tabs button[data-tab=cast]');
  await page.waitForTimeout(800);
  await page.screenshot({ path: `${shots}/wb-5-cast.png` });
  check('cast shows character sheets', (await page.locator('#cast img').count()) > 0);

  await page.click('.tabs button[data-tab=script]');
  // every shot shows its key frame as last rendered
  await page.waitForFunction(() => [...document.querySelectorAll('#script img.thumb')].every((i) => i.complete), null, { timeout: 20000 });
  const th = await page.evaluate(() => ({ shots: document.querySelectorAll('#script .shot').length,
    thumbs: [...document.querySelectorAll('#script img.thumb')].filter((i) => i.naturalWidth > 0).length }));
  check('a thumbnail for every shot', th.shots > 0 && th.thumbs === th.shots, JSON.stringify(th));
  await page.screenshot({ path: `${shots}/wb-5b-thumbs.png` });
  const first = page.locator('#script input[data-path$=".line.text"]').first();
  await first.fill('This recipe was never yours.');
  const path = await first.getAttribute('data-path');
  await page.click('#btn-save');
  await page.waitForSelector('#save-msg.ok', { timeout: 10000 });
  await page.screenshot({ path: `${shots}/wb-6-script.png` });
  const name = decodeURIComponent(page.url().split('#p=')[1]);
  const sb = JSON.parse(readFileSync(`${ws}/${name}/storyboard.json`, 'utf8'));
  const parts = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  let v = sb; for (const p of parts) v = v[p];
  check('edited line saved to storyboard.json', v === 'This recipe was never yours.', String(v));

  // an invalid edit is shown next to its field
  await page.evaluate(() => { const i = document.querySelector('#script input[data-path$=".line.text"]'); i.value = '   '; });
  await page.click('#btn-save');
  await page.waitForSelector('.field-error', { timeout: 10000 });
  check('validator message shown at the field', (await page.textContent('.shot .msg')).includes('empty'));

  // shots: move the first down, delete the last, save; the storyboard follows
  await page.reload();
  await page.waitForSelector('#project:not(.hidden)');
  await page.click('.tabs button[data-tab=script]');
  const scene = page.locator('#script .scene').first();
  const before = JSON.parse(readFileSync(`${ws}/${name}/storyboard.json`, 'utf8')).episodes[0].scenes[0].shots;
  check('every voiced line has a play button', (await page.locator('#script .hear').count()) > 0);
  const thumb0 = await scene.locator('.shot').first().locator('img.thumb').getAttribute('src');
  await scene.locator('.shot').first().locator('button.down').click();
  check('a moved shot keeps its thumbnail', (await scene.locator('.shot').nth(1).locator('img.thumb').getAttribute('src')) === thumb0);
  await scene.locator('.shot').last().locator('button.del').click();
  await page.screenshot({ path: `${shots}/wb-7-shots-edited.png` });
  await page.click('#btn-save');
  await page.waitForSelector('#save-msg.ok', { timeout: 10000 });
  const after = JSON.parse(readFileSync(`${ws}/${name}/storyboard.json`, 'utf8')).episodes[0].scenes[0].shots;
  const key = (sh) => JSON.stringify([sh.type, sh.action || null, sh.line ? sh.line.text : null]);
  check('a shot moved down and the last deleted', after.length === before.length - 1 &&
    key(after[0]) === key(before[1]) && key(after[1]) === key(before[0]), `${before.map(key)} -> ${after.map(key)}`);

  // the cast editor: a picker redraws the sheet preview; saving redraws the real sheet
  await page.click('.tabs button[data-tab=cast]');
  const card = page.locator('#cast .person').first();
  await card.locator('details.cast-edit summary').click();
  const hairSel = card.locator('label.pick', { hasText: 'Hair' }).first().locator('select');
  const oldHair = await hairSel.inputValue();
  const newHair = oldHair === 'braids' ? 'bob' : 'braids';
  await hairSel.selectOption(newHair);
  await card.locator('img.sheet.preview').waitFor({ timeout: 30000 });
  check('the sheet preview is redrawn', (await card.locator('img.sheet').getAttribute('src')).startsWith('blob:'));
  await page.screenshot({ path: `${shots}/wb-8-cast-preview.png` });
  const charName = await card.locator('h3').textContent();
  const jobNow = () => page.evaluate(async (n) => (await fetch(`/api/projects/${encodeURIComponent(n)}/job`)).json(), name);
  const prev = await jobNow();
  await card.locator('button.redesign').click();
  for (let i = 0; i < 600; i++) {   // the design job: a new one, then its end
    const j = await jobNow();
    if (j.started !== prev.started || j.version !== prev.version) { if (j.state !== 'running') break; }
    await page.waitForTimeout(200);
  }
  await page.waitForFunction(() => document.querySelector('#job-stage').textContent === 'Finished', null, { timeout: 120000 });
  const sb2 = JSON.parse(readFileSync(`${ws}/${name}/storyboard.json`, 'utf8'));
  const ch = sb2.characters.find((c) => c.name === charName);
  check('the new look is saved and designed', ch && ch.look && ch.look.hair && ch.look.hair.style === newHair, JSON.stringify(ch && ch.look));
  await page.screenshot({ path: `${shots}/wb-9-cast-saved.png` });
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
