// tests/browser/export.mjs — the focus of this file is "Export for editor" (issue 17 item
// 5) as the creator uses it: a rendered episode's card has a format select and an
// "Export for editor" button; pressing it runs the export job (the job box shows it), and
// when it is done the card offers the ZIP, which downloads as epNN-FORMAT.zip (a ZIP:
// "PK" first, application/zip). Screenshots go to $SHOTS or /tmp. Exits non-zero on a failure.
// usage: node tests/browser/export.mjs DRAMA_BIN WORKSPACE
import { check, serve, launch, watchErrors, fail, close, finish } from './common.mjs';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const [bin, ws] = process.argv.slice(2);
const shots = process.env.SHOTS || '/tmp';

const made = spawnSync(bin, ['make', 'milk tea shop, prince', '-o', `${ws}/tea`, '--size', '216x384', '--fps', '10', '--minutes', '0.5'],
  { env: Object.assign({}, process.env, { DRAMA_NO_BAR: '1' }), encoding: 'utf8' });
if (made.status !== 0) { console.error(made.stderr); process.exit(1); }

const { server, url } = await serve(bin, ws);
const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, acceptDownloads: true });
  const errors = [];
  watchErrors(page, errors);
  await page.goto(url + '#p=tea');
  await page.waitForSelector('.episode .export-go', { timeout: 20000 });
  check('no ZIP offered before an export', (await page.locator('.episode .export-zip').count()) === 0);
  await page.selectOption('.episode .export-format', 'otio');
  await page.click('.episode .export-go');
  await page.waitForSelector('.episode a.export-zip', { timeout: 600000 });
  await page.screenshot({ path: `${shots}/export-1-ready.png` });
  const job = await page.evaluate(async () => (await (await fetch('/api/projects/tea/job')).json()));
  check('the export ran as a job', job.kind === 'export' && job.state === 'done', JSON.stringify(job).slice(0, 300));
  check('the job box says finished', (await page.textContent('#job-stage')) === 'Finished', await page.textContent('#job-stage'));
  check('the select keeps the format', (await page.inputValue('.episode .export-format')) === 'otio');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('.episode a.export-zip')]);
  check('the download is named epNN-FORMAT.zip', dl.suggestedFilename() === 'ep01-otio.zip', dl.suggestedFilename());
  const file = await dl.path();
  const bytes = readFileSync(file);
  check('the download is a ZIP', bytes.length > 1000 && bytes[0] === 0x50 && bytes[1] === 0x4b, `${bytes.length} bytes`);
  const zipped = spawnSync('unzip', ['-l', file], { encoding: 'utf8' });
  if (zipped.status === 0 || zipped.error) {
    check('the ZIP holds the timeline and its media', zipped.error ||
      (/ep01\/ep01\.otio/.test(zipped.stdout) && /ep01\/media\/shot-000\.mp4/.test(zipped.stdout)), zipped.stdout);
  }
  check('no page errors or failed requests', errors.length === 0, errors.join('; '));
} catch (e) {
  fail(e);
} finally {
  await close(browser, server);
}
finish();
