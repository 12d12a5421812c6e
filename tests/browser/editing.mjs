// tests/browser/editing.mjs — the focus of this file is editing the script's structure in
// the page and seeing shots before any render: a project with only a script (no design,
// voice or render) shows a 540x960 preview per shot drawn by the server on demand; lines
// are added, removed, moved to the next shot and copied; shots are added, copied, moved
// and deleted; scenes are added, copied, moved and deleted; after Save, storyboard.json
// holds exactly that structure and the new shots get their previews. Also the 390 px
// layout of the edited script. Screenshots go to $SHOTS or /tmp. Exits non-zero on a failure.
// usage: node tests/browser/editing.mjs DRAMA_BIN WORKSPACE
import { check, serve, launch, watchErrors, fail, close, finish } from './common.mjs';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const [bin, ws] = process.argv.slice(2);
const shots = process.env.SHOTS || '/tmp';

// a project with its script only: nothing designed, voiced or rendered
const made = spawnSync(bin, ['script', `${ws}/draft`, 'milk tea shop, prince', '--minutes', '0.5'],
  { env: Object.assign({}, process.env, { DRAMA_NO_BAR: '1' }), encoding: 'utf8' });
if (made.status !== 0) { console.error(made.stderr); process.exit(1); }
const sbPath = `${ws}/draft/storyboard.json`;

const { server, url } = await serve(bin, ws);

const browser = await launch();
// The structure that matters for the check: per scene, each shot's type, action and line.
const keyOf = (sh) => [sh.type, sh.line ? null : (sh.action || ''), sh.line ? sh.line.text : null, sh.line ? (sh.line.speaker || null) : null];
const structure = (sb) => sb.episodes[0].scenes.map((sc) => [sc.location, sc.shots.map(keyOf)]);
const copy = (x) => JSON.parse(JSON.stringify(x));

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  watchErrors(page, errors);
  await page.goto(url + '#p=draft');
  await page.waitForSelector('#project:not(.hidden)');
  await page.click('.tabs button[data-tab=script]');

  // previews of shots never rendered: every visible one loads as a 540x960 picture
  const sb0 = JSON.parse(readFileSync(sbPath, 'utf8'));
  const nShots = sb0.episodes[0].scenes.reduce((n, sc) => n + sc.shots.length, 0);
  check('every shot row has a preview', (await page.locator('#script .shot img.thumb.preview').count()) === nShots,
    `${await page.locator('#script .shot img.thumb.preview').count()} of ${nShots}`);
  for (let i = 0; i < 3; i++) await page.locator('#script .shot img.thumb.preview').nth(i).scrollIntoViewIfNeeded();
  await page.waitForFunction(() => [...document.querySelectorAll('#script .shot img.thumb.preview')].slice(0, 3)
    .every((i) => i.complete && i.naturalWidth > 0), null, { timeout: 60000 });
  const sizes = await page.evaluate(() => [...document.querySelectorAll('#script .shot img.thumb.preview')].slice(0, 3)
    .map((i) => `${i.naturalWidth}x${i.naturalHeight}`));
  check('previews are 540x960', sizes.every((s) => s === '540x960'), sizes.join(' '));
  const timing = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/shots/preview'))
    .map((e) => (e.serverTiming.find((t) => t.name === 'render') || {}).duration));
  console.error(`     server time of the previews: ${timing.map((t) => Math.round(t)).join(', ')} ms`);
  await page.locator('#script .shot img.thumb.preview').first().click();   // a click shows it larger
  await page.locator('#script .shot').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/ed-1-previews.png` });
  await page.locator('#script .shot img.thumb.preview').first().click();

  // the same edits on a copy of the storyboard, to compare with what the page saves
  const model = copy(sb0);
  const names = model.characters.map((c) => c.name);
  const scenes = model.episodes[0].scenes;
  const row = (si, hi) => page.locator(`#script .shot[data-shot="episodes[0].scenes[${si}].shots[${hi}]"]`);
  const sceneCard = (si) => page.locator(`#script .scene[data-scene="episodes[0].scenes[${si}]"]`);
  const press = async (loc, cls) => { await loc.locator(`button.${cls}`).first().click(); };

  // lines: move one to the next shot, remove one, give a silent shot a line, copy one
  const sc0 = scenes[0].shots;
  const a = sc0.findIndex((sh, i) => sh.line && i + 1 < sc0.length);
  check('scene 1 has a line to move', a >= 0);
  const movedText = sc0[a].line.text;
  await press(row(0, a), 'line-down');
  [sc0[a].line, sc0[a + 1].line] = [sc0[a + 1].line, sc0[a].line];
  check('a line moves to the next shot', (await row(0, a + 1).locator('input[data-path$=".line.text"]').inputValue()) === movedText);
  const silent = sc0.findIndex((sh) => !sh.line);
  if (silent >= 0) {
    await press(row(0, silent), 'line-add');
    sc0[silent].line = { speaker: names[0], text: '…' };
    await row(0, silent).locator('input[data-path$=".line.text"]').fill('You kept my recipe all along.');
    sc0[silent].line.text = 'You kept my recipe all along.';
  }
  const withLine = sc0.findIndex((sh) => sh.line);
  await press(row(0, withLine), 'line-dup');
  sc0.splice(withLine + 1, 0, { type: 'close_up', line: copy(sc0[withLine].line) });
  const last = sc0.length - 1;
  if (sc0[last].line) { await press(row(0, last), 'line-del'); delete sc0[last].line; }
  else { await press(row(0, last), 'line-add'); sc0[last].line = { speaker: names[0], text: '…' }; }

  // shots: copy the first, move it down, delete the last, add a silent one and a line
  await press(row(0, 0), 'dup');
  sc0.splice(1, 0, copy(sc0[0]));
  await press(row(0, 1), 'down');
  [sc0[1], sc0[2]] = [sc0[2], sc0[1]];
  await press(row(0, sc0.length - 1), 'del');
  sc0.pop();
  await press(sceneCard(0), 'add-action');
  sc0.push({ type: 'wide', action: '…' });
  await press(sceneCard(0), 'add-shot');
  sc0.push({ type: 'medium', line: { speaker: names[0], text: '…' } });
  check('a new shot waits for Save before its preview', (await row(0, sc0.length - 1).locator('.thumb.pending').count()) === 1);

  // scenes: copy the first, move the copy down, add one at the end, delete the second
  await press(sceneCard(0), 'scene-dup');
  scenes.splice(1, 0, copy(scenes[0]));
  await press(sceneCard(1), 'scene-down');
  if (scenes.length > 2) [scenes[1], scenes[2]] = [scenes[2], scenes[1]];
  const lastScene = scenes[scenes.length - 1];
  await page.click('#script button.add-scene');
  scenes.push({ location: lastScene.location, shots: [{ type: 'wide', action: '…' }] });
  await press(sceneCard(1), 'scene-del');
  scenes.splice(1, 1);
  await page.screenshot({ path: `${shots}/ed-2-edited.png`, fullPage: true });

  await page.click('#btn-save');
  await page.waitForSelector('#save-msg.ok', { timeout: 10000 });
  const saved = JSON.parse(readFileSync(sbPath, 'utf8'));
  const want = JSON.stringify(structure(model)), got = JSON.stringify(structure(saved));
  check('storyboard.json holds the edited structure (lines, shots, scenes)', want === got, `\n want ${want}\n  got ${got}`);
  check('the moved line is in its new shot', saved.episodes[0].scenes.some((sc) => sc.shots.some((sh) => sh.line && sh.line.text === movedText)));
  check('scenes were added and removed', saved.episodes[0].scenes.length === sb0.episodes[0].scenes.length + 1,
    `${sb0.episodes[0].scenes.length} -> ${saved.episodes[0].scenes.length}`);

  // after Save the new shots have previews too
  const n2 = saved.episodes[0].scenes.reduce((n, sc) => n + sc.shots.length, 0);
  // (the previews of the new shots are drawn after Save and the rows redrawn as they arrive: wait for
  // that, as a user would; on a loaded machine an immediate count saw rows still pending)
  await page.waitForFunction((n) => document.querySelectorAll('#script .shot img.thumb.preview').length === n &&
    document.querySelectorAll('#script .thumb.pending').length === 0, n2, { timeout: 60000 }).catch(() => {});
  check('after Save every shot has a preview', (await page.locator('#script .shot img.thumb.preview').count()) === n2 &&
    (await page.locator('#script .thumb.pending').count()) === 0);
  const newRow = row(0, saved.episodes[0].scenes[0].shots.length - 1);
  await newRow.scrollIntoViewIfNeeded();
  await page.waitForFunction((sel) => { const i = document.querySelector(sel); return i && i.complete && i.naturalWidth === 540; },
    `#script .shot[data-shot="episodes[0].scenes[0].shots[${saved.episodes[0].scenes[0].shots.length - 1}]"] img.thumb.preview`, { timeout: 60000 });
  check('the added shot shows its preview', true);
  await newRow.locator('img.thumb.preview').click();
  await page.screenshot({ path: `${shots}/ed-3-saved.png` });

  // 390 px: the script with all its tools, no sideways scroll
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  check('390 px script view has no horizontal scroll', wide <= 390, `scrollWidth ${wide}`);
  await sceneCard(0).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/ed-4-390.png` });
  check('no script errors in the page', errors.length === 0, errors.join('; '));
} catch (e) {
  fail(e);
} finally {
  await close(browser, server);
}
finish();
