// tests/browser/security.mjs — the focus of this file is the workbench against hostile
// pages and data, in Debian's headless Chromium (playwright-core), issue 18:
//  1. stored XSS: a storyboard with an <img src=x onerror=...> payload in every text field
//     renders as text, in every tab, with the page's CSP on and with it bypassed (so the
//     DOM code itself is checked, not only the policy); the payload would set a flag;
//  2. CSRF: a page from another origin posts a <form enctype=text/plain> and a no-cors
//     fetch to the API; nothing is created;
//  3. 390 px wide: no horizontal scroll in any tab, the project list visible; the project
//     list is reachable with Tab and opens with Enter;
//  4. token mode: the login page loads with its script and style, a wrong token is
//     refused, the right one logs in with an HttpOnly SameSite=Strict cookie, the token
//     is not in the address afterwards, and the page works (an edit is saved).
// Screenshots go to $SHOTS (or /tmp). Exits non-zero on a failure.
// usage: node tests/browser/security.mjs DRAMA_BIN WORKSPACE
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync, existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';

const [bin, ws] = process.argv.slice(2);
const shots = process.env.SHOTS || '/tmp';
let passed = 0, failed = 0;
function check(name, cond, detail) {
  if (cond) { passed++; console.error(`ok   ${name}`); } else { failed++; console.error(`FAIL ${name}${detail ? ': ' + detail : ''}`); }
}

// ---- the hostile storyboard ----
const P = (tag) => `<img src=x onerror="window.__xss=(window.__xss||[]).concat('${tag}')">${tag}`;
const hero = P('hero'), rival = P('rival'), shop = P('shop');
const storyboard = {
  title: P('title'), logline: P('logline'), lang: 'en',
  characters: [{ name: hero, role: P('role'), gender: 'female', age: 25 }, { name: rival, role: 'rival', gender: 'male', age: 30 }],
  locations: [{ name: shop, kind: P('kind') }],
  episodes: [{ number: 1, title: P('episode'), scenes: [{ location: shop, time: 'night', mood: 'tension', shots: [
    { type: 'medium', line: { speaker: hero, text: P('line') } },
    { type: 'close_up', line: { speaker: rival, text: P('line2') } },
    { type: 'wide', action: P('action') },
  ] }] }],
};
mkdirSync(`${ws}/xss`, { recursive: true });
writeFileSync(`${ws}/xss/storyboard.json`, JSON.stringify(storyboard, null, 1));
writeFileSync(`${ws}/xss/job.json`, JSON.stringify({ state: 'failed', kind: 'make', stage: 'render', percent: 40,
  message: P('jobmsg'), log: P('joblog'), version: 1, exit_code: 1, started: 1, ended: 2 }));

function serve(extra) {
  const server = spawn(bin, ['serve', ws, '--port', '0', ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
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
const servers = [];
try {
  const { server, url } = await serve([]);
  servers.push(server);
  const origin = new URL(url).origin;

  // 1. stored XSS, with the CSP and without it
  for (const bypassCSP of [false, true]) {
    const ctx = await browser.newContext({ bypassCSP, viewport: { width: 1366, height: 900 } });
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${origin}/#p=xss`);
    await page.waitForSelector('#project:not(.hidden)');
    await page.waitForFunction(() => document.querySelector('#p-title').textContent.includes('title'));
    const label = bypassCSP ? 'without CSP' : 'with CSP';
    for (const tab of ['watch', 'script', 'cast', 'places', 'board']) {
      await page.click(`.tabs button[data-tab=${tab}]`);
      await page.waitForTimeout(300);
      if (tab === 'script' || tab === 'cast') await page.screenshot({ path: `${shots}/sec-xss-${tab}-${bypassCSP ? 'nocsp' : 'csp'}.png`, fullPage: true });
    }
    await page.click('#job details summary');
    const res = await page.evaluate(() => ({
      flag: window.__xss || null,
      injected: document.querySelectorAll('img[src="x"]').length,
      text: document.body.textContent,
      inputs: [...document.querySelectorAll('#script input')].map((i) => i.value),
      options: [...document.querySelectorAll('#script option')].map((o) => o.textContent),
    }));
    check(`no payload ran (${label})`, res.flag === null, JSON.stringify(res.flag));
    check(`no element injected (${label})`, res.injected === 0, String(res.injected));
    const shown = ['title', 'logline', 'episode', 'shop', 'jobmsg', 'role', 'kind', 'hero', 'rival']
      .filter((t) => !res.text.includes(`<img src=x onerror="window.__xss=(window.__xss||[]).concat('${t}')">${t}`));
    check(`every field shown as text (${label})`, shown.length === 0, 'missing: ' + shown.join(', '));
    check(`lines and actions in the editor as text (${label})`, [P('line'), P('line2'), P('action')].every((v) => res.inputs.includes(v)));
    check(`speaker options as text (${label})`, res.options.includes(hero) && res.options.includes(rival));
    // the project list entry too
    await page.goto(`${origin}/`);
    await page.waitForSelector('#projects a');
    check(`project list as text (${label})`, (await page.textContent('#projects')).includes(P('title')) &&
      (await page.evaluate(() => window.__xss || null)) === null);
    check(`no script errors (${label})`, errors.length === 0, errors.join('; '));
    await ctx.close();
  }

  // 2. CSRF from another origin, through a real browser
  const before = readdirSync(ws).sort().join(',');
  const evil = createServer((req, res) => {
    res.setHeader('Content-Type', 'text/html');
    res.end(`<!doctype html><body>
      <form id=f method=post enctype="text/plain" action="${origin}/api/projects">
        <input name='{"keywords":"csrf form","x":"' value='"}'></form>
      <script>
        fetch('${origin}/api/projects', { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' },
          body: JSON.stringify({ keywords: 'csrf fetch' }) }).catch(() => {}).finally(() => {
          fetch('${origin}/api/projects/xss/job/cancel', { method: 'POST', mode: 'no-cors', body: '{}' }).catch(() => {})
            .finally(() => { document.title = 'sent'; document.getElementById('f').submit(); });
        });
      </script></body>`);
  });
  await new Promise((r) => evil.listen(0, '127.0.0.1', r));
  const evilUrl = `http://localhost:${evil.address().port}/`;   // another origin (name and port)
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const answers = [];
  page.on('response', (r) => { if (r.url().startsWith(origin)) answers.push(r.status()); });
  await page.goto(evilUrl);
  await page.waitForURL(`${origin}/api/projects`, { timeout: 10000 }).catch(() => {});
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${shots}/sec-csrf.png` });
  check('cross-origin form and fetch answered 403', answers.length >= 1 && answers.every((s) => s === 403), JSON.stringify(answers));
  check('nothing created by the hostile page', readdirSync(ws).sort().join(',') === before, readdirSync(ws).join(','));
  await ctx.close();
  evil.close();

  // 3. 390 px wide, and the keyboard
  {
    const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    const page = await ctx.newPage();
    await page.goto(`${origin}/`);
    await page.waitForSelector('#projects a');
    check('project list visible at 390 px', await page.isVisible('#projects a'));
    const noScroll = async () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    check('welcome: no horizontal scroll at 390 px', await noScroll());
    await page.screenshot({ path: `${shots}/sec-390-welcome.png` });
    // Tab from the top of the page reaches a project, Enter opens it
    let reached = false;
    for (let i = 0; i < 12 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => !!document.activeElement.closest('#projects a'));
    }
    check('a project is reachable with Tab', reached);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#project:not(.hidden)');
    check('Enter opens it', page.url().includes('#p=xss'));
    for (const tab of ['watch', 'script', 'cast', 'places', 'board']) {
      await page.click(`.tabs button[data-tab=${tab}]`);
      await page.waitForTimeout(200);
      const w = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      check(`${tab}: no horizontal scroll at 390 px`, w[0] <= w[1], `${w[0]} > ${w[1]}`);
      await page.screenshot({ path: `${shots}/sec-390-${tab}.png`, fullPage: true });
    }
    await page.goto(`${origin}/#new`);
    await page.waitForSelector('#new:not(.hidden)');
    check('new project form: no horizontal scroll at 390 px', await noScroll());
    await page.screenshot({ path: `${shots}/sec-390-new.png`, fullPage: true });
    await ctx.close();
  }
  server.kill('SIGTERM');

  // 4. token mode
  const token = 'tok-' + Math.random().toString(36).slice(2) + '-0123456789';
  const t = await serve(['--token', token]);
  servers.push(t.server);
  const torigin = new URL(t.url).origin;
  check('the printed address carries the token once', t.url.includes('?token='));
  {
    const ctx = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    const page = await ctx.newPage();
    const errors = [], failedLoads = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('response', (r) => { if (r.status() >= 400) failedLoads.push(`${r.status()} ${r.url()}`); });
    await page.goto(`${torigin}/`);
    await page.waitForSelector('#login-form');
    const styled = await page.evaluate(() => getComputedStyle(document.querySelector('header.top')).display === 'flex');
    check('login page loads with its style', styled);
    await page.fill('#login-token', 'wrong-token-0000');
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#login-failed:not(.hidden)');
    check('a wrong token is refused', true);
    await page.screenshot({ path: `${shots}/sec-login-failed.png` });
    await page.fill('#login-token', token);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#projects a', { timeout: 10000 });
    check('after login the workbench loads (app.js ran)', await page.isVisible('text=From an idea to a vertical episode'));
    check('no token in the address', !page.url().includes(token), page.url());
    const cookies = await ctx.cookies();
    const c = cookies.find((x) => x.name === 'drama_session');
    check('session cookie is HttpOnly and SameSite=Strict', c && c.httpOnly && c.sameSite === 'Strict' && !c.value.includes(token), JSON.stringify(cookies));
    check('the page script cannot read it', (await page.evaluate(() => document.cookie)) === '');
    // it works: open the project, edit a line, save
    await page.click('#projects a');
    await page.waitForSelector('#project:not(.hidden)');
    await page.click('.tabs button[data-tab=script]');
    await page.locator('#script input[data-path$=".line.text"]').first().fill('Logged in and saved.');
    await page.click('#btn-save');
    await page.waitForSelector('#save-msg.ok', { timeout: 10000 });
    const sb = JSON.parse(readFileSync(`${ws}/xss/storyboard.json`, 'utf8'));
    check('an edit is saved in token mode', sb.episodes[0].scenes[0].shots[0].line.text === 'Logged in and saved.');
    await page.screenshot({ path: `${shots}/sec-token-saved.png` });
    check('no failed loads after login', failedLoads.filter((x) => !x.includes('/login')).length === 0, failedLoads.join('; '));
    check('no script errors in token mode', errors.length === 0, errors.join('; '));
    // the printed address logs in too, and the token leaves the address bar
    const ctx2 = await browser.newContext();
    const p2 = await ctx2.newPage();
    await p2.goto(t.url);
    await p2.waitForSelector('#projects a', { timeout: 10000 });
    check('the printed address logs in and drops the token', !p2.url().includes('token'), p2.url());
    await ctx2.close();
    await ctx.close();
  }
} catch (e) {
  failed++;
  console.error('FAIL ' + e.stack);
} finally {
  await browser.close();
  for (const s of servers) s.kill('SIGTERM');
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
