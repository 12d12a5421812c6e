// tests/browser/timeline.mjs — the focus of this file is finding and redoing one shot from
// the player: a strip of the episode's shots under the video marks the shot under the
// playhead; the "now" button and a strip cell open that shot's row in the script editor;
// the row's Regenerate button renders a new take of that shot only (the job's log says
// 1 segment drawn); a line's play button plays that line's audio; its re-voice button
// voices that line again and nothing else (1 line voiced, 0 segments drawn, no other
// voice file touched). Screenshots go to $SHOTS or /tmp. Exits non-zero on a failure.
// usage: node tests/browser/timeline.mjs DRAMA_BIN WORKSPACE
import { check, serve, launch, watchErrors, fail, close, finish } from './common.mjs';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';

const [bin, ws] = process.argv.slice(2);
const shots = process.env.SHOTS || '/tmp';

// a small real project, made by the CLI before the server starts
const made = spawnSync(bin, ['make', 'milk tea shop, prince', '-o', `${ws}/tea`, '--size', '216x384', '--fps', '10', '--minutes', '0.5'],
  { env: Object.assign({}, process.env, { DRAMA_NO_BAR: '1' }), encoding: 'utf8' });
if (made.status !== 0) { console.error(made.stderr); process.exit(1); }

const { server, url } = await serve(bin, ws);

const browser = await launch(['--autoplay-policy=no-user-gesture-required']);
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const errors = [];
  watchErrors(page, errors);
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

  // play one line: its own audio file starts playing
  await page.evaluate(() => {
    window.played = [];
    const play = HTMLMediaElement.prototype.play;
    HTMLMediaElement.prototype.play = function () {
      this.addEventListener('playing', () => window.played.push({ src: this.src, duration: this.duration }), { once: true });
      return play.call(this);
    };
  });
  const hearRow = page.locator('#script .shot', { has: page.locator('button.hear') }).first();
  const hearPath = (await hearRow.getAttribute('data-shot')).replace(/\[(\d+)\]/g, '.$1').split('.');
  let hearShot = JSON.parse(readFileSync(`${ws}/tea/storyboard.json`, 'utf8'));
  for (const k of hearPath) hearShot = hearShot[k];
  await hearRow.locator('button.hear').click();
  await page.waitForFunction(() => window.played.length > 0, null, { timeout: 10000 });
  const played = await page.evaluate(() => window.played[0]);
  check('a line\'s play button plays that line\'s audio', played.src.endsWith(hearShot.line.audio) &&
    Math.abs(played.duration - hearShot.line.audio_sec) < 0.1, `${JSON.stringify(played)} vs ${hearShot.line.audio} ${hearShot.line.audio_sec} s`);

  // voice that line again: only its voice file is made anew, no shot is redrawn
  const voiceDir = `${ws}/tea/cache/voice`;
  const stamp = () => Object.fromEntries(readdirSync(voiceDir).filter((f) => f.endsWith('.wav'))
    .map((f) => { const st = statSync(`${voiceDir}/${f}`, { bigint: true }); return [f, `${st.ino}:${st.mtimeNs}`]; }));
  const before = stamp();
  const nLines = sb2.episodes[0].scenes.reduce((n, sc) => n + sc.shots.filter((sh) => sh.line).length, 0);
  const jobNow = () => page.evaluate(async () => (await fetch('/api/projects/tea/job')).json());
  const prev = await jobNow();
  await hearRow.locator('button.revoice').click();
  for (let i = 0; i < 1500; i++) {   // a new job, then its end
    const j = await jobNow();
    if ((j.started !== prev.started || j.version !== prev.version) && j.state !== 'running') break;
    await page.waitForTimeout(200);
  }
  await page.waitForFunction(() => document.querySelector('#job-stage').textContent === 'Finished', null, { timeout: 60000 });
  const log2 = readFileSync(`${ws}/tea/job.log`, 'utf8');
  const v = log2.match(/(\d+) line\(s\) voiced, (\d+) reused/), r = log2.match(/(\d+) segments drawn, (\d+) reused/);
  check('re-voice speaks exactly that line again', v && v[1] === '1' && Number(v[2]) === nLines - 1, v ? v[0] : log2);
  check('re-voice redraws no shot', r && r[1] === '0', r ? r[0] : log2);
  const after = stamp(), wav = hearShot.line.audio.split('/').pop();
  const touched = Object.keys(after).filter((f) => after[f] !== before[f]);
  check('only that line\'s voice file was written', JSON.stringify(touched) === JSON.stringify([wav]), JSON.stringify(touched));
  await page.screenshot({ path: `${shots}/tl-4-revoiced.png` });
  check('no script errors in the page', errors.length === 0, errors.join('; '));
} catch (e) {
  fail(e);
} finally {
  await close(browser, server);
}
finish();
