// drama workbench — plain JavaScript, no build step, no network beyond this server.
'use strict';

const token = new URLSearchParams(location.search).get('token');
const $ = (id) => document.getElementById(id);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const withToken = (url) => token ? url + (url.includes('?') ? '&' : '?') + 'token=' + encodeURIComponent(token) : url;

const SHOT_TYPES = ['wide', 'medium', 'close_up', 'extreme_close_up', 'over_the_shoulder', 'two_shot', 'insert'];
const CAMERAS = ['static', 'push_in', 'pull_out', 'pan_left', 'pan_right', 'tilt_up', 'tilt_down', 'snap_zoom', 'shake'];
const EMOTIONS = ['neutral', 'happy', 'sad', 'angry', 'surprised', 'smug', 'shy', 'crying', 'scared', 'determined', 'whisper', 'shout'];

let current = null;      // project name
let storyboard = null;   // the project's storyboard.json, edited in place
let events = null;       // EventSource of the running job

async function api(method, url, body) {
  const headers = {};
  if (token) headers.Authorization = 'Bearer ' + token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const r = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  let data = null;
  try { data = await r.json(); } catch (e) { data = null; }
  return { status: r.status, ok: r.ok, data };
}

function fileUrl(rel, extra) {
  return withToken(`/api/projects/${encodeURIComponent(current)}/files/${rel.split('/').map(encodeURIComponent).join('/')}` + (extra || ''));
}

// ---- projects ----
async function loadProjects() {
  const r = await api('GET', '/api/projects');
  const list = $('projects');
  list.innerHTML = '';
  const ps = (r.data && r.data.projects) || [];
  $('no-projects').classList.toggle('hidden', ps.length > 0);
  for (const p of ps) {
    const li = document.createElement('li');
    li.dataset.name = p.name;
    if (p.name === current) li.classList.add('active');
    const state = p.job && p.job.state === 'running' ? `working: ${p.job.stage || '…'} ${p.job.percent || 0}%` :
      (p.episodes && p.episodes.some((e) => e.files && e.files.mp4)) ? `${p.episodes.length} episode(s) ready` :
      (p.job && p.job.state === 'failed') ? 'stopped with a problem' : 'not rendered yet';
    li.innerHTML = `<span class="pt">${esc(p.title || p.name)}</span><span class="ps">${esc(state)}</span>`;
    li.onclick = () => { location.hash = 'p=' + encodeURIComponent(p.name); };
    list.appendChild(li);
  }
}

function showOnly(id) {
  for (const s of ['welcome', 'new', 'project']) $(s).classList.toggle('hidden', s !== id);
}

function showNew() { location.hash = 'new'; }

$('new-btn').onclick = showNew;

$('new-form').onsubmit = async (ev) => {
  ev.preventDefault();
  const body = { keywords: $('f-keywords').value.trim(), episodes: Number($('f-episodes').value) || 1, minutes: Number($('f-minutes').value) || 3 };
  if ($('f-lang').value) body.lang = $('f-lang').value;
  if ($('f-size').value) body.size = $('f-size').value;
  if ($('f-fps').value) body.fps = Number($('f-fps').value);
  if ($('f-seed').value !== '') body.seed = Number($('f-seed').value);
  const f = $('f-file').files[0];
  if (f) {
    if (f.size > 4 * 1024 * 1024) return showNewError('The file is larger than 4 MB.');
    body.text = await f.text();
    body.filename = f.name;
  }
  if (!body.keywords && !body.text) return showNewError('Type a few keywords or choose a file.');
  const r = await api('POST', '/api/projects', body);
  if (!r.ok) return showNewError((r.data && r.data.error) || 'The server refused the request.');
  $('new-form').reset();
  location.hash = 'p=' + encodeURIComponent(r.data.name);
};

function showNewError(msg) {
  $('new-error').textContent = msg;
  $('new-error').classList.remove('hidden');
}

// ---- one project ----
async function openProject(name) {
  current = name;
  showOnly('project');
  if (events) { events.close(); events = null; }
  await refreshProject();
  loadProjects();
}

async function refreshProject(fromEvents) {
  const r = await api('GET', `/api/projects/${encodeURIComponent(current)}`);
  if (!r.ok) { $('p-title').textContent = (r.data && r.data.error) || 'Project not found'; return; }
  const p = r.data;
  $('p-title').textContent = p.title || p.name;
  $('p-logline').textContent = p.error || p.logline || '';
  renderEpisodes(p);
  renderCast(p);
  renderPlaces(p);
  renderBoard(p);
  const sb = await api('GET', `/api/projects/${encodeURIComponent(current)}/storyboard`);
  storyboard = sb.ok ? sb.data : null;
  renderScript();
  if (fromEvents) return;   // the event stream owns the job box while a job runs
  showJob(p.job);
  if (p.job && p.job.state === 'running') follow();
}

function showJob(j) {
  const box = $('job');
  if (!j || j.state === 'none') { box.classList.add('hidden'); return; }
  box.classList.remove('hidden');
  const running = j.state === 'running';
  $('job-stage').textContent = running ? (j.stage || 'starting') : j.state === 'done' ? 'Finished' :
    j.state === 'failed' ? 'Stopped' : 'Interrupted';
  $('job-stage').className = j.state === 'failed' || j.state === 'interrupted' ? 'error' : j.state === 'done' ? 'ok' : '';
  $('job-msg').textContent = j.message || '';
  $('job-pct').textContent = running ? `${j.percent || 0}%` : '';
  $('job-bar').style.width = `${running ? j.percent || 0 : 100}%`;
  if (j.log !== undefined) $('job-log').textContent = j.log;
  $('btn-render').disabled = running;
  $('btn-save').disabled = running;
}

function follow() {
  if (events) events.close();
  events = new EventSource(withToken(`/api/projects/${encodeURIComponent(current)}/events`));
  let lastStage = null;
  events.onmessage = (ev) => {
    const j = JSON.parse(ev.data);
    showJob(j);
    // a stage finished: show what it made (script, sheets, ...) while the job goes on
    if (j.state === 'running' && j.stage !== lastStage) { if (lastStage !== null) refreshProject(true); lastStage = j.stage; }
    if (j.state !== 'running') { events.close(); events = null; refreshProject(); loadProjects(); }
  };
  events.onerror = () => { if (events) { events.close(); events = null; } setTimeout(() => current && refreshProject(), 2000); };
}

async function startJob(stage, extra) {
  const r = await api('POST', `/api/projects/${encodeURIComponent(current)}/jobs`, Object.assign({ stage }, extra || {}));
  if (!r.ok) { alert((r.data && r.data.error) || 'Could not start the job.'); return false; }
  showJob({ state: 'running', stage, percent: 0, message: 'starting', log: '' });
  follow();
  return true;
}

$('btn-render').onclick = () => startJob('make');

function renderEpisodes(p) {
  const box = $('episodes');
  box.innerHTML = '';
  const eps = p.episodes || [];
  if (!eps.length) { box.innerHTML = '<p class="muted">The script is being written…</p>'; return; }
  for (const e of eps) {
    const f = e.files || {};
    const div = document.createElement('div');
    div.className = 'card episode';
    const dl = (k, label) => f[k] ? `<a href="${fileUrl(f[k], '?download=1')}">${label}</a>` : '';
    div.innerHTML = `
      <div>${f.mp4 ? `<video controls preload="metadata" playsinline src="${fileUrl(f.mp4)}"${f['cover.png'] ? ` poster="${fileUrl(f['cover.png'])}"` : ''}></video>` : '<p class="muted">Not rendered yet.</p>'}</div>
      <div>
        <h2>Episode ${e.number}: ${esc(e.title)}</h2>
        <div class="downloads">${dl('mp4', '⬇ MP4')}${dl('srt', '⬇ SRT')}${dl('ass', '⬇ ASS')}${p.script ? `<a href="${fileUrl(p.script, '?download=1')}">⬇ Fountain script</a>` : ''}${dl('cover.png', '⬇ Cover')}</div>
        ${f['cover.png'] ? `<p><img class="cover" alt="cover" src="${fileUrl(f['cover.png'])}"></p>` : ''}
      </div>`;
    box.appendChild(div);
  }
}

function renderCast(p) {
  const box = $('cast');
  box.innerHTML = '';
  for (const c of p.characters || []) {
    const div = document.createElement('div');
    div.className = 'card person';
    const sc = storyboardChar(c.name);
    div.innerHTML = `
      ${c.sheet ? `<img alt="${esc(c.name)}" src="${fileUrl(c.sheet, '?v=' + Date.now())}">` : '<p class="muted">No sheet yet: press Render.</p>'}
      <h3>${esc(c.name)}</h3>
      <div class="muted">${esc([c.role, c.gender, c.age ? c.age + ' y' : ''].filter(Boolean).join(' · '))}</div>
      ${c.sample ? `<p><button class="play">▶ Hear “${esc(c.sample.text.slice(0, 40))}”</button></p>` : ''}
      <details><summary>Change look or voice</summary>
        <label>Look <textarea class="look"></textarea></label>
        <label>Voice <textarea class="voice"></textarea></label>
        <button class="primary redesign">Save and redraw</button> <span class="msg"></span>
      </details>`;
    const look = div.querySelector('.look'), voice = div.querySelector('.voice');
    look.value = JSON.stringify((sc && sc.look) || {}, null, 1);
    voice.value = JSON.stringify((sc && sc.voice) || c.voice || {}, null, 1);
    if (c.sample) div.querySelector('.play').onclick = () => new Audio(fileUrl(c.sample.audio)).play();
    div.querySelector('.redesign').onclick = async () => {
      const msg = div.querySelector('.msg');
      try {
        const ch = storyboardChar(c.name);
        ch.look = JSON.parse(look.value);
        ch.voice = JSON.parse(voice.value);
      } catch (e) { msg.textContent = 'Not valid JSON: ' + e.message; return; }
      if (await saveStoryboard()) startJob('design');
    };
    box.appendChild(div);
  }
}

function storyboardChar(name) {
  return storyboard && (storyboard.characters || []).find((c) => c.name === name);
}

function renderPlaces(p) {
  const box = $('places');
  box.innerHTML = '';
  for (const l of p.locations || []) {
    const div = document.createElement('div');
    div.className = 'card place';
    div.innerHTML = `${l.card ? `<img alt="${esc(l.name)}" src="${fileUrl(l.card)}">` : ''}<h3>${esc(l.name)}</h3><div class="muted">${esc(l.kind)}</div>`;
    box.appendChild(div);
  }
}

function renderBoard(p) {
  const box = $('board');
  box.innerHTML = '';
  for (const e of p.episodes || []) {
    if (!e.files || !e.files['contact.png']) continue;
    const d = document.createElement('div');
    d.className = 'card';
    d.innerHTML = `<h2>Episode ${e.number}</h2><img class="contact" alt="storyboard sheet" src="${fileUrl(e.files['contact.png'])}">`;
    box.appendChild(d);
  }
  if (!box.children.length) box.innerHTML = '<p class="muted">The storyboard sheet appears after the first render.</p>';
}

// ---- script editor ----
function select(options, value, path) {
  return `<select data-path="${path}">${options.map((o) => `<option${o === value ? ' selected' : ''}>${o}</option>`).join('')}</select>`;
}

function renderScript() {
  const box = $('script');
  box.innerHTML = '';
  if (!storyboard) { box.innerHTML = '<p class="muted">No storyboard yet.</p>'; return; }
  const names = (storyboard.characters || []).map((c) => c.name);
  (storyboard.episodes || []).forEach((ep, ei) => {
    (ep.scenes || []).forEach((sc, si) => {
      const card = document.createElement('div');
      card.className = 'card scene';
      let html = `<h3>Episode ${ep.number} · Scene ${si + 1} — ${esc(sc.location)} <span class="muted">(${esc(sc.time || 'day')}, ${esc(sc.mood || '')})</span></h3>`;
      (sc.shots || []).forEach((sh, hi) => {
        const base = `episodes[${ei}].scenes[${si}].shots[${hi}]`;
        html += `<div class="shot" data-shot="${base}">
          <div class="num">${si + 1}.${hi + 1}</div>
          ${select(SHOT_TYPES, sh.type, base + '.type')}
          ${select(CAMERAS, sh.camera || 'static', base + '.camera')}
          <div class="line">`;
        if (sh.line) {
          const lp = base + '.line';
          html += `${select(['(narration)'].concat(names), sh.line.speaker || '(narration)', lp + '.speaker')}
            <input data-path="${lp}.text" value="${esc(sh.line.text)}">
            ${select(EMOTIONS, sh.line.emotion || 'neutral', lp + '.emotion')}`;
        } else {
          html += `<input class="action" data-path="${base}.action" value="${esc(sh.action || '')}" placeholder="action">`;
        }
        html += `</div><div class="msg" data-msg="${base}"></div></div>`;
      });
      card.innerHTML = html;
      box.appendChild(card);
    });
  });
}

function setPath(obj, path, value) {
  const parts = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  let o = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    if (o[parts[i]] === undefined || o[parts[i]] === null) o[parts[i]] = {};
    o = o[parts[i]];
  }
  o[parts[parts.length - 1]] = value;
}

function collectScript() {
  for (const el of document.querySelectorAll('#script [data-path]')) {
    let v = el.value;
    const path = el.dataset.path;
    if (path.endsWith('.speaker') && v === '(narration)') v = null;
    if (path.endsWith('.camera') && v === 'static') v = null;
    if (path.endsWith('.emotion') && v === 'neutral') v = null;
    setPath(storyboard, path, v);
  }
}

async function saveStoryboard() {
  collectScript();
  for (const el of document.querySelectorAll('.field-error')) el.classList.remove('field-error');
  for (const el of document.querySelectorAll('[data-msg]')) el.textContent = '';
  const r = await api('PUT', `/api/projects/${encodeURIComponent(current)}/storyboard`, storyboard);
  const msg = $('save-msg');
  msg.classList.remove('hidden');
  if (r.ok) { msg.className = 'ok'; msg.textContent = 'Saved. Press Render to update the episode.'; return true; }
  msg.className = 'error';
  msg.textContent = (r.data && r.data.error) || 'Could not save.';
  for (const pr of (r.data && r.data.problems) || []) {
    const field = document.querySelector(`[data-path="${CSS.escape(pr.path)}"]`);
    if (field) field.classList.add('field-error');
    const shot = pr.path.match(/^(episodes\[\d+\]\.scenes\[\d+\]\.shots\[\d+\])/);
    const slot = shot && document.querySelector(`[data-msg="${CSS.escape(shot[1])}"]`);
    if (slot) slot.textContent += pr.message + ' ';
    else msg.textContent += ` — ${pr.path}: ${pr.message}`;
  }
  return false;
}

$('btn-save').onclick = saveStoryboard;

// ---- tabs and routing ----
for (const b of document.querySelectorAll('.tabs button')) {
  b.onclick = () => {
    for (const x of document.querySelectorAll('.tabs button')) x.classList.toggle('active', x === b);
    for (const t of document.querySelectorAll('.tab')) t.classList.toggle('hidden', t.id !== 'tab-' + b.dataset.tab);
  };
}

function route() {
  const h = decodeURIComponent(location.hash.slice(1));
  if (h === 'new') { current = null; showOnly('new'); loadProjects(); }
  else if (h.startsWith('p=')) openProject(h.slice(2));
  else { showOnly('welcome'); loadProjects(); }
}
window.addEventListener('hashchange', route);
route();
setInterval(() => { if (!events) loadProjects(); }, 5000);
