// drama workbench — plain JavaScript, no build step, no network beyond this server.
// Every text that comes from a project (titles, names, lines, messages) goes into the
// page as text (textContent, attribute values, option labels): never as HTML. The server
// sends a Content-Security-Policy without inline script, so this file is all the script.
'use strict';

const $ = (id) => document.getElementById(id);

// el('a', { href: u, class: 'x', onclick: f }, 'text', child, ...) -> an element.
function el(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'value') e.value = v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of kids.flat()) if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : String(c));
  return e;
}

function clear(node, ...kids) { node.replaceChildren(...kids.filter(Boolean)); }

const SHOT_TYPES = ['wide', 'medium', 'close_up', 'extreme_close_up', 'over_the_shoulder', 'two_shot', 'insert'];
const CAMERAS = ['static', 'push_in', 'pull_out', 'pan_left', 'pan_right', 'tilt_up', 'tilt_down', 'snap_zoom', 'shake'];
const EMOTIONS = ['neutral', 'happy', 'sad', 'angry', 'surprised', 'smug', 'shy', 'crying', 'scared', 'determined', 'whisper', 'shout'];
const STAGE_NAMES = { script: 'Writing the script', design: 'Designing the cast', voice: 'Voicing the lines', music: 'Scoring the music', render: 'Rendering', export: 'Exporting for the editor' };

let current = null;      // project name
let thumbOf = new WeakMap();   // storyboard shot object -> its thumbnail as last rendered
let storyboard = null;   // the project's storyboard.json, edited in place
let version = '';        // storyboard.json's version on the server: changes with every save
let savedPos = new WeakMap();  // shot object -> [episode, scene, shot] in the saved storyboard
let events = null;       // EventSource of the running job

// Every change is same-origin JSON with X-Drama: 1; the server refuses anything else.
async function api(method, url, body) {
  const headers = { 'X-Drama': '1' };
  if (method !== 'GET' && body === undefined) body = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let r;
  // a server that is away (restarting, stopped) is an answer too: callers show it or try
  // again, and no promise is left to reject unseen while the page waits
  try { r = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) }); }
  catch (e) { return { status: 0, ok: false, away: true, data: { error: 'The drama server does not answer; is it still running?' } }; }
  if (r.status === 401) { location.href = '/'; return { status: 401, ok: false, data: null }; }
  let data = null;
  try { data = await r.json(); } catch (e) { data = null; }
  return { status: r.status, ok: r.ok, data };
}

const projectUrl = (sub) => `/api/projects/${encodeURIComponent(current)}${sub || ''}`;
function fileUrl(rel, extra) {
  return projectUrl('/files/' + rel.split('/').map(encodeURIComponent).join('/')) + (extra || '');
}

// ---- projects ----
function projectState(p) {
  if (p.job && p.job.state === 'running') return `working: ${STAGE_NAMES[p.job.stage] || 'starting'} · ${p.job.overall || 0}%`;
  if (p.episodes && p.episodes.some((e) => e.files && e.files.mp4)) return `${p.episodes.length} episode(s) ready`;
  if (p.job && p.job.state === 'failed') return 'stopped with a problem';
  if (p.job && (p.job.state === 'interrupted' || p.job.state === 'cancelled')) return 'stopped: Render resumes';
  return 'not rendered yet';
}

async function loadProjects() {
  const r = await api('GET', '/api/projects');
  if (r.away) return;   // keep the list as it was; the next tick asks again
  const ps = (r.data && r.data.projects) || [];
  $('no-projects').classList.toggle('hidden', ps.length > 0);
  clear($('projects'), ...ps.map((p) => el('li', { class: p.name === current ? 'active' : '' },
    el('a', { href: '#p=' + encodeURIComponent(p.name), 'aria-current': p.name === current ? 'page' : null },
      el('span', { class: 'pt' }, p.title || p.name), el('span', { class: 'ps' }, projectState(p))))));
}

function showOnly(id) {
  for (const s of ['welcome', 'new', 'project']) $(s).classList.toggle('hidden', s !== id);
}

function showNew() { location.hash = 'new'; }
$('new-btn').onclick = showNew;
$('welcome-start').onclick = showNew;

$('new-form').onsubmit = async (ev) => {
  ev.preventDefault();
  $('new-error').classList.add('hidden');
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
  const r = await api('GET', projectUrl());
  if (r.away) { awayRetry(fromEvents); return; }
  if (!r.ok) { $('p-title').textContent = (r.data && r.data.error) || 'Project not found'; return; }
  const p = r.data;
  $('p-title').textContent = p.title || p.name;
  $('p-logline').textContent = p.error || p.logline || '';
  const sb = await api('GET', projectUrl('/storyboard'));
  if (sb.away) { awayRetry(fromEvents); return; }
  storyboard = sb.ok ? sb.data : null;
  version = p.version || '';
  recordSaved();
  mapThumbs(p);
  renderEpisodes(p);
  renderCast(p);
  renderPlaces(p);
  renderBoard(p);
  renderScript();
  if (fromEvents) return;   // the event stream owns the job box while a job runs
  showJob(p.job);
  if (p.job && p.job.state === 'running') follow();
}

// A thumbnail belongs to its shot object, so it moves with it when shots are reordered.
// The server gives one per shot of the saved storyboard (null for a shot edited since
// the render: that one gets a preview instead).
function mapThumbs(p) {
  thumbOf = new WeakMap();
  ((storyboard && storyboard.episodes) || []).forEach((ep, ei) => {
    const t = ((p.episodes || [])[ei] || {}).thumbs;
    let n = 0;
    for (const sc of ep.scenes || []) for (const sh of sc.shots || []) { if (t && t[n]) thumbOf.set(sh, t[n]); n++; }
  });
}

function fmtEta(s) {
  if (s === undefined || s < 0) return '';
  if (s < 60) return `about ${Math.max(1, Math.round(s))} s left`;
  return `about ${Math.round(s / 60)} min left`;
}

function showJob(j) {
  const box = $('job');
  if (!j || j.state === 'none') { box.classList.add('hidden'); $('btn-render').disabled = false; $('btn-save').disabled = false; return; }
  box.classList.remove('hidden');
  const running = j.state === 'running';
  const bad = j.state === 'failed' || j.state === 'interrupted' || j.state === 'cancelled';
  $('job-stage').textContent = running ? (STAGE_NAMES[j.stage] || 'Starting') : j.state === 'done' ? 'Finished' :
    j.state === 'failed' ? 'Stopped with a problem' : j.state === 'cancelled' ? 'Cancelled' : 'Interrupted';
  $('job-stage').className = bad ? 'error' : j.state === 'done' ? 'ok' : '';
  $('job-msg').textContent = running ? [j.message, fmtEta(j.eta)].filter(Boolean).join(' · ') : '';
  $('job-pct').textContent = running ? `${j.overall || 0}%` : '';
  $('job-bar').style.width = `${running ? j.overall || 0 : j.state === 'done' ? 100 : j.overall || 0}%`;
  box.classList.toggle('failed', bad);
  $('job-error').textContent = bad ? (j.message || '') : '';
  $('job-error').classList.toggle('hidden', !bad);
  if (j.log !== undefined) $('job-log').textContent = j.log;
  $('btn-cancel').classList.toggle('hidden', !running);
  $('btn-cancel').disabled = false;
  $('btn-render').disabled = running;
  $('btn-render').textContent = bad ? 'Resume' : 'Render';
  $('btn-save').disabled = running;
}

function follow() {
  if (events) events.close();
  events = new EventSource(projectUrl('/events'));
  let lastStage = null;
  events.onmessage = (ev) => {
    const j = JSON.parse(ev.data);
    showJob(j);
    // a stage finished: show what it made (script, sheets, ...) while the job goes on
    if (j.state === 'running' && j.stage !== lastStage) { if (lastStage !== null) refreshProject(true); lastStage = j.stage; }
    if (j.state !== 'running') { events.close(); events = null; refreshProject(); loadProjects(); }
  };
  // the server went away (restart, network): try again every 2 s until it answers
  events.onerror = () => { if (events) { events.close(); events = null; } awayRetry(false); };
}

// The server is away: a partial refresh from the event stream waits for the next event;
// a whole one tries again every 2 s (one attempt pending at a time) until it answers.
let awayTimer = null;
function awayRetry(fromEvents) {
  if (fromEvents || awayTimer) return;
  awayTimer = setTimeout(() => { awayTimer = null; if (current) refreshProject(); }, 2000);
}

async function startJob(stage, extra) {
  const r = await api('POST', projectUrl('/jobs'), Object.assign({ stage }, extra || {}));
  if (!r.ok) { showJob({ state: 'failed', message: (r.data && r.data.error) || 'Could not start the job.' }); return false; }
  showJob({ state: 'running', stage, overall: 0, message: 'starting', log: '' });
  follow();
  return r.data || true;
}

$('btn-render').onclick = () => startJob('make');
$('btn-cancel').onclick = async () => {
  $('btn-cancel').disabled = true;
  const r = await api('POST', projectUrl('/job/cancel'));
  if (!r.ok) $('job-msg').textContent = (r.data && r.data.error) || 'Could not cancel.';
};

// "Export for editor": `drama export --zip` of one episode as a job; when the job is done
// the episode offers its ZIP (the last export this page started).
const EXPORT_FORMATS = [['mlt', 'Shotcut (MLT)'], ['kdenlive', 'Kdenlive'], ['fcpxml', 'Final Cut / Resolve (FCPXML)'],
  ['otio', 'OpenTimelineIO'], ['jianying', 'Jianying (剪映)'], ['capcut', 'CapCut'], ['all', 'All formats']];
let lastExport = null;   // { project, episode, format, zip } of the export job this page started
function exportControl(e, job) {
  const sel = el('select', { 'aria-label': `editor format for episode ${e.number}`, class: 'export-format' },
    EXPORT_FORMATS.map(([v, label]) => el('option', { value: v }, label)));
  const mine = lastExport && lastExport.project === current && lastExport.episode === e.number;
  if (mine) sel.value = lastExport.format;
  const running = job && job.state === 'running';
  const go = el('button', { type: 'button', class: 'export-go', disabled: running, onclick: async () => {
    const format = sel.value;
    const d = await startJob('export', { episode: e.number, format });
    if (d && d.zip) lastExport = { project: current, episode: e.number, format, zip: d.zip };
  } }, 'Export for editor');
  const ready = mine && job && job.kind === 'export' && job.state === 'done';
  return el('div', { class: 'downloads export' }, sel, ' ', go,
    ready ? el('a', { class: 'export-zip', href: fileUrl(lastExport.zip, '?download=1') }, `⬇ ZIP (${lastExport.format})`) : null);
}

function renderEpisodes(p) {
  const box = $('episodes');
  const eps = p.episodes || [];
  if (!eps.length) { clear(box, el('p', { class: 'muted' }, 'The script is being written…')); return; }
  clear(box, ...eps.map((e) => {
    const f = e.files || {};
    const dl = (k, label) => f[k] ? el('a', { href: fileUrl(f[k], '?download=1') }, label) : null;
    return el('div', { class: 'card episode' },
      el('div', {}, f.mp4 ? playerWithStrip(e, eps.indexOf(e), f)
        : el('p', { class: 'muted' }, 'Not rendered yet.')),
      el('div', {},
        el('h2', {}, `Episode ${e.number}: `, e.title || ''),
        el('div', { class: 'downloads' }, dl('mp4', '⬇ MP4'), dl('srt', '⬇ SRT'), dl('ass', '⬇ ASS'),
          p.script ? el('a', { href: fileUrl(p.script, '?download=1') }, '⬇ Fountain script') : null, dl('cover.png', '⬇ Cover')),
        f.mp4 ? exportControl(e, p.job) : null,
        f['cover.png'] ? el('p', {}, el('img', { class: 'cover', alt: 'cover', src: fileUrl(f['cover.png']) })) : null));
  }));
}

// The episode's video with a strip of its shots under it (start times from the server's
// timeline of the storyboard): the cell under the playhead is marked, and a cell or the
// "now" button opens that shot's row in the script editor.
function playerWithStrip(e, ei, f) {
  const video = el('video', { controls: true, preload: 'metadata', playsinline: true, src: fileUrl(f.mp4), poster: f['cover.png'] ? fileUrl(f['cover.png']) : null });
  const tl = e.timeline;
  if (!tl || !tl.shots || !tl.shots.length) return video;
  const shots = tl.shots;
  const startOf = (i) => (i < shots.length ? shots[i].start : tl.end);
  const total = () => (Number.isFinite(video.duration) && video.duration > 0 ? video.duration : tl.end);
  const cells = shots.map((s, i) => el('button', {
    class: 'cell', title: `Scene ${s.scene + 1}, shot ${s.shot + 1}: edit`, 'aria-label': `Edit scene ${s.scene + 1} shot ${s.shot + 1}`,
    dataset: { i: String(i) }, onclick: () => jumpToShot(ei, s.scene, s.shot),
  }, `${s.scene + 1}.${s.shot + 1}`));
  const head = el('div', { class: 'playhead' });
  const strip = el('div', { class: 'strip', role: 'group', 'aria-label': 'shots of the episode' }, ...cells, head);
  const now = el('button', { class: 'now', disabled: true }, 'Title');
  let cur = -2;
  const layout = () => {
    const T = total();
    cells.forEach((c, i) => { c.style.left = `${100 * startOf(i) / T}%`; c.style.width = `${100 * (startOf(i + 1) - startOf(i)) / T}%`; });
  };
  const update = () => {
    const t = video.currentTime;
    head.style.left = `${Math.min(100, 100 * t / total())}%`;
    let i = -1;
    while (i + 1 < shots.length && shots[i + 1].start <= t) i++;
    if (i >= 0 && t >= tl.end) i = shots.length;
    if (i === cur) return;
    cur = i;
    cells.forEach((c, k) => c.classList.toggle('current', k === i));
    const s = shots[i];
    now.disabled = !s;
    now.dataset.i = s ? String(i) : '';
    now.textContent = s ? `Now: scene ${s.scene + 1}, shot ${s.shot + 1} — edit` : i < 0 ? 'Title' : 'End';
  };
  now.onclick = () => { const s = shots[cur]; if (s) jumpToShot(ei, s.scene, s.shot); };
  video.addEventListener('loadedmetadata', () => { layout(); update(); });
  video.addEventListener('timeupdate', update);
  video.addEventListener('seeked', update);
  layout();
  update();
  return el('div', { class: 'player' }, video, strip, now);
}

// Show the script tab with one shot's row in view, marked and focused.
function jumpToShot(ei, si, hi) {
  const tab = document.querySelector('.tabs button[data-tab=script]');
  if (tab) tab.click();
  const row = document.querySelector(`#script .shot[data-shot="${CSS.escape(`episodes[${ei}].scenes[${si}].shots[${hi}]`)}"]`);
  if (!row) return;
  for (const x of document.querySelectorAll('#script .shot.focus')) x.classList.remove('focus');
  row.classList.add('focus');
  row.scrollIntoView({ block: 'center' });
  const field = row.querySelector('input, select');
  if (field) field.focus({ preventScroll: true });
}

function storyboardChar(name) {
  return storyboard && (storyboard.characters || []).find((c) => c.name === name);
}

let LOOKS = null;   // the look and voice choices (GET /api/looks), loaded once
async function lookChoices() {
  if (!LOOKS) { const r = await api('GET', '/api/looks'); LOOKS = r.ok ? r.data : null; }
  return LOOKS;
}

async function postBlob(url, body) {
  const r = await fetch(url, { method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-Drama': '1' }, body: JSON.stringify(body) });
  if (!r.ok) { let m = 'the preview failed'; try { m = (await r.json()).error || m; } catch (e) { /* not JSON */ } throw new Error(m); }
  return URL.createObjectURL(await r.blob());
}

const hex = (v, d) => (/^#[0-9a-fA-F]{6}$/.test(v || '') ? v.toLowerCase() : d);
const labelled = (text, control) => el('label', { class: 'pick' }, text, control);
function picker(options, value, onchange, label) {
  return labelled(label, el('select', { onchange: (e) => onchange(e.target.value) },
    options.map((o) => el('option', { value: o, selected: o === value }, o.replace(/_/g, ' ')))));
}
function colour(value, onchange, label) {
  return labelled(label, el('input', { type: 'color', value: hex(value, '#888888'), oninput: (e) => onchange(e.target.value) }));
}

// The visual cast editor: pickers for the look and the voice, a sheet preview drawn by
// the server as the pickers change (nothing saved), an audition, then save and redraw.
function castEditor(c, sc, L, card) {
  const look = JSON.parse(JSON.stringify((sc && sc.look) || {}));
  const voice = JSON.parse(JSON.stringify((sc && sc.voice) || c.voice || {}));
  const who = { gender: (sc && sc.gender) || c.gender || 'female', age: (sc && sc.age) || c.age || 25 };
  const sub = (k) => (look[k] && typeof look[k] === 'object' ? look[k] : (look[k] = {}));
  const msg = el('span', { class: 'msg', role: 'status' });
  const img = card.querySelector('img.sheet');
  let timer = null, seq = 0;
  const refresh = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const mine = ++seq;
      msg.textContent = 'drawing…';
      try {
        const u = await postBlob(projectUrl('/preview/character'), { name: c.name, look, gender: who.gender, age: Number(who.age) });
        if (mine !== seq) return;
        if (img.dataset.blob) URL.revokeObjectURL(img.dataset.blob);
        img.src = u;
        img.dataset.blob = u;
        img.hidden = false;
        img.classList.add('preview');
        msg.textContent = 'preview (not saved)';
      } catch (e) { msg.textContent = e.message; }
    }, 350);
  };
  const set = (fn) => (v) => { fn(v); refresh(); };
  const accs = el('fieldset', { class: 'accs' }, el('legend', {}, 'Accessories'),
    L.accessories.map((a) => el('label', {}, el('input', { type: 'checkbox', checked: (look.accessories || []).includes(a),
      onchange: (e) => { const s = new Set(look.accessories || []); if (e.target.checked) s.add(a); else s.delete(a); look.accessories = [...s]; refresh(); } }),
    ' ', a.replace(/_/g, ' '))));
  const vkey = (v) => `${v.engine}/${v.voice}`;
  const vsel = el('select', { onchange: (e) => { const [engine, v] = e.target.value.split('/'); voice.engine = engine; voice.voice = v; } },
    L.voices.map((v) => el('option', { value: vkey(v), selected: vkey(v) === vkey(voice) }, v.label)));
  const slider = (k, label) => labelled(label, el('input', { type: 'range', min: '0.7', max: '1.4', step: '0.05', value: voice[k] || 1,
    oninput: (e) => { voice[k] = Number(e.target.value); } }));
  const audition = async () => {
    try { new Audio(await postBlob(projectUrl('/preview/voice'), { name: c.name, voice, text: c.sample ? c.sample.text : '' })).play(); }
    catch (e) { msg.textContent = e.message; }
  };
  // A recording to sound like (voice cloning): a cloning speech server gets it, the
  // embedded voices match its pitch, speed and brightness. Runs `drama voice --ref`.
  const refFile = el('input', { type: 'file', accept: '.wav,audio/wav,audio/x-wav', 'aria-label': 'Reference voice (WAV)' });
  const refText = el('input', { type: 'text', placeholder: 'what the recording says (optional)', 'aria-label': 'Transcript' });
  const useRef = async () => {
    const f = refFile.files && refFile.files[0];
    if (!f) { msg.textContent = 'choose a WAV recording first'; return; }
    const b = new Uint8Array(await f.arrayBuffer());
    let s = '';
    for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
    const r = await api('POST', projectUrl('/voice-ref'), { character: c.name, audio: btoa(s), text: refText.value });
    if (!r.ok) { msg.textContent = (r.data && r.data.error) || 'could not use the recording'; return; }
    showJob({ state: 'running', stage: 'voice', overall: 0, message: `${c.name}: matching the reference voice`, log: '' });
    follow();
  };
  const save = async () => {
    const ch = storyboardChar(c.name);
    if (!ch) return;
    Object.assign(ch, { look, voice, gender: who.gender, age: Number(who.age) });
    if (await saveStoryboard()) startJob('design');
  };
  return el('details', { class: 'cast-edit' }, el('summary', {}, 'Change look or voice'),
    el('div', { class: 'picks' },
      picker(L.genders, who.gender, set((v) => { who.gender = v; }), 'Gender'),
      labelled('Age', el('input', { type: 'number', min: '1', max: '120', value: who.age, onchange: (e) => { who.age = e.target.value; refresh(); } })),
      picker(L.build, look.build || 'average', set((v) => { look.build = v; }), 'Build'),
      picker(L.face, look.face || 'oval', set((v) => { look.face = v; }), 'Face'),
      picker(L.hair, sub('hair').style || 'short', set((v) => { sub('hair').style = v; }), 'Hair'),
      colour(sub('hair').colour, set((v) => { sub('hair').colour = v; }), 'Hair colour'),
      colour(look.skin, set((v) => { look.skin = v; }), 'Skin'),
      colour(sub('eyes').colour, set((v) => { sub('eyes').colour = v; }), 'Eyes'),
      picker(L.outfits, sub('outfit').style || 'casual', set((v) => { sub('outfit').style = v; }), 'Outfit'),
      colour(sub('outfit').colour, set((v) => { sub('outfit').colour = v; }), 'Outfit colour'),
      colour(sub('outfit').accent, set((v) => { sub('outfit').accent = v; }), 'Accent')),
    accs,
    el('div', { class: 'picks' }, labelled('Voice', vsel), slider('pitch', 'Pitch'), slider('rate', 'Speed')),
    el('div', { class: 'picks ref-voice' }, labelled('Reference voice', refFile), labelled('Transcript', refText),
      el('button', { class: 'use-ref', onclick: useRef }, 'Use this voice')),
    el('p', {}, el('button', { class: 'audition', onclick: audition }, '▶ Audition'), ' ',
      el('button', { class: 'primary redesign', onclick: save }, 'Save and redraw'), ' ', msg));
}

async function renderCast(p) {
  const L = await lookChoices();
  clear($('cast'), ...(p.characters || []).map((c) => {
    const sc = storyboardChar(c.name);
    const card = el('div', { class: 'card person' },
      el('img', { class: 'sheet', alt: c.name, src: c.sheet ? fileUrl(c.sheet, '?v=' + Date.now()) : null, hidden: !c.sheet }),
      c.sheet ? null : el('p', { class: 'muted' }, 'No sheet yet: press Render.'),
      el('h3', {}, c.name),
      el('div', { class: 'muted' }, [c.role, c.gender, c.age ? c.age + ' y' : ''].filter(Boolean).join(' · ')),
      c.sample ? el('p', {}, el('button', { class: 'play', onclick: () => new Audio(fileUrl(c.sample.audio)).play() },
        `▶ Hear “${c.sample.text.slice(0, 40)}”`)) : null);
    if (L && sc) card.append(castEditor(c, sc, L, card));
    return card;
  }));
}

function renderPlaces(p) {
  clear($('places'), ...(p.locations || []).map((l) => el('div', { class: 'card place' },
    l.card ? el('img', { alt: l.name, src: fileUrl(l.card) }) : null, el('h3', {}, l.name), el('div', { class: 'muted' }, l.kind || ''))));
}

function renderBoard(p) {
  const cards = (p.episodes || []).filter((e) => e.files && e.files['contact.png']).map((e) => el('div', { class: 'card' },
    el('h2', {}, `Episode ${e.number}`), el('img', { class: 'contact', alt: 'storyboard sheet', src: fileUrl(e.files['contact.png']) })));
  if (cards.length) clear($('board'), ...cards);
  else clear($('board'), el('p', { class: 'muted' }, 'The storyboard sheet appears after the first render.'));
}

// ---- script editor ----
function select(options, value, path, label) {
  return el('select', { dataset: { path }, 'aria-label': label },
    options.map((o) => el('option', { selected: o === value, value: o }, o)));
}

// Where each shot sits in the storyboard as saved: a preview is asked for by that
// position, so a shot added or copied since the last save has none until it is saved.
function recordSaved() {
  savedPos = new WeakMap();
  ((storyboard && storyboard.episodes) || []).forEach((ep, ei) => (ep.scenes || []).forEach((sc, si) =>
    (sc.shots || []).forEach((sh, hi) => savedPos.set(sh, [ei, si, hi]))));
}

// The shot's picture: its key frame as last rendered, else a preview the server draws on
// demand (540x960, kept by the browser per storyboard version), else a note to save.
function shotPicture(sh, label) {
  const thumb = thumbOf.get(sh);
  const big = (e) => e.currentTarget.classList.toggle('big');
  if (thumb) return el('img', { class: 'thumb', alt: `shot ${label} as last rendered`, src: fileUrl(thumb), onclick: big });
  const pos = savedPos.get(sh);
  if (!pos) return el('span', { class: 'thumb pending', title: 'Save to see a preview of this shot' }, 'save to preview');
  const q = `?episode=${pos[0]}&scene=${pos[1]}&shot=${pos[2]}&v=${encodeURIComponent(version)}`;
  return el('img', { class: 'thumb preview', loading: 'lazy', alt: `preview of shot ${label} (not rendered yet)`,
    title: 'preview: not rendered yet', src: projectUrl('/shots/preview') + q, onclick: big });
}

// Change the storyboard in memory and draw the editor again (Save sends it).
const edit = (fn) => () => { collectScript(); fn(); renderScript(); };
const moveIn = (arr, i, d) => { const j = i + d; if (j >= 0 && j < arr.length) [arr[i], arr[j]] = [arr[j], arr[i]]; };
const copy = (x) => JSON.parse(JSON.stringify(x));
const btn = (cls, text, label, onclick, disabled) => el('button', { class: cls, title: label, 'aria-label': label, onclick, disabled }, text);

function shotRow(ep, ei, sc, si, sh, hi, names) {
  const base = `episodes[${ei}].scenes[${si}].shots[${hi}]`;
  const line = el('div', { class: 'line' });
  const shots = sc.shots;
  if (sh.line) {
    const lp = base + '.line';
    line.append(select(['(narration)'].concat(names), sh.line.speaker || '(narration)', lp + '.speaker', 'speaker'),
      el('input', { dataset: { path: lp + '.text' }, value: sh.line.text || '', 'aria-label': 'line' }),
      select(EMOTIONS, sh.line.emotion || 'neutral', lp + '.emotion', 'emotion'),
      el('div', { class: 'line-tools' },
        sh.line.audio ? btn('hear', '▶ hear', 'Play this line', () => new Audio(fileUrl(sh.line.audio)).play()) : null,
        sh.line.audio ? btn('revoice', '↻ re-voice', 'Voice this line again (other lines stay as they are)', () => revoiceLine(ei, si, hi)) : null,
        btn('line-up', '⤴', 'Move the line to the shot above', edit(() => { [shots[hi].line, shots[hi - 1].line] = [shots[hi - 1].line, shots[hi].line]; }), hi === 0),
        btn('line-down', '⤵', 'Move the line to the shot below', edit(() => { [shots[hi].line, shots[hi + 1].line] = [shots[hi + 1].line, shots[hi].line]; }), hi === shots.length - 1),
        btn('line-dup', 'copy line', 'Duplicate the line (a new shot after this one says it again)',
          edit(() => shots.splice(hi + 1, 0, { type: 'close_up', line: copy(sh.line) }))),
        btn('line-del', '✕ line', 'Remove the line (the shot stays, silent)', edit(() => { delete sh.line; }))));
  } else {
    line.append(el('input', { class: 'action', dataset: { path: base + '.action' }, value: sh.action || '', placeholder: 'action', 'aria-label': 'action' }),
      el('div', { class: 'line-tools' },
        btn('line-add', '+ line', 'Give this shot a line', edit(() => { sh.line = { speaker: names[0] || null, text: '…' }; }))));
  }
  const tools = el('div', { class: 'shot-tools' },
    btn('up', '↑', 'Move shot up', edit(() => moveIn(shots, hi, -1)), hi === 0),
    btn('down', '↓', 'Move shot down', edit(() => moveIn(shots, hi, 1)), hi === shots.length - 1),
    btn('dup', 'copy', 'Duplicate shot', edit(() => shots.splice(hi + 1, 0, copy(sh)))),
    btn('del', '✕', 'Delete shot', edit(() => shots.splice(hi, 1)), shots.length < 2),
    btn('regen', '↻', 'Regenerate this shot (a new take; other shots stay as they are)', () => regenerateShot(ei, si, hi)));
  const label = `${si + 1}.${hi + 1}`;
  return el('div', { class: 'shot', dataset: { shot: base } },
    el('div', { class: 'num' }, label, shotPicture(sh, label)),
    select(SHOT_TYPES, sh.type, base + '.type', 'shot type'),
    select(CAMERAS, sh.camera || 'static', base + '.camera', 'camera'),
    line, tools,
    el('div', { class: 'msg', dataset: { msg: base } }));
}

// Save the edits, then voice one line again: the server drops that line's cached voice
// and renders the episode; the other lines come from the cache.
async function revoiceLine(ei, si, hi) {
  if (!(await saveStoryboard())) return;
  const r = await api('POST', projectUrl('/lines/regenerate'), { episode: ei, scene: si, shot: hi });
  if (!r.ok) { showJob({ state: 'failed', message: (r.data && r.data.error) || 'Could not voice the line again.' }); return; }
  showJob({ state: 'running', stage: 'render', overall: 0, message: `voicing line ${si + 1}.${hi + 1} again`, log: '' });
  follow();
}

// Save the edits, then ask for a new take of one shot: the server bumps its take and
// renders the episode, which redraws that shot only.
async function regenerateShot(ei, si, hi) {
  if (!(await saveStoryboard())) return;
  const r = await api('POST', projectUrl('/shots/regenerate'), { episode: ei, scene: si, shot: hi });
  if (!r.ok) { showJob({ state: 'failed', message: (r.data && r.data.error) || 'Could not regenerate the shot.' }); return; }
  showJob({ state: 'running', stage: 'render', overall: 0, message: `a new take of shot ${si + 1}.${hi + 1}`, log: '' });
  follow();
}

function renderScript() {
  const box = $('script');
  if (!storyboard) { clear(box, el('p', { class: 'muted' }, 'No storyboard yet.')); return; }
  const names = (storyboard.characters || []).map((c) => c.name);
  const places = (storyboard.locations || []).map((l) => l.name);
  const cards = [];
  (storyboard.episodes || []).forEach((ep, ei) => {
    const scenes = ep.scenes || (ep.scenes = []);
    scenes.forEach((sc, si) => {
      sc.shots = sc.shots || [];
      const tools = el('span', { class: 'scene-tools' },
        btn('scene-up', '↑', 'Move scene up', edit(() => moveIn(scenes, si, -1)), si === 0),
        btn('scene-down', '↓', 'Move scene down', edit(() => moveIn(scenes, si, 1)), si === scenes.length - 1),
        btn('scene-dup', 'copy', 'Duplicate scene', edit(() => scenes.splice(si + 1, 0, copy(sc)))),
        btn('scene-del', '✕', 'Delete scene', edit(() => scenes.splice(si, 1)), scenes.length < 2));
      cards.push(el('div', { class: 'card scene', dataset: { scene: `episodes[${ei}].scenes[${si}]` } },
        el('h3', {}, `Episode ${ep.number} · Scene ${si + 1} — `,
          select(places.includes(sc.location) ? places : [sc.location || ''].concat(places), sc.location || '',
            `episodes[${ei}].scenes[${si}].location`, 'location'), ' ',
          el('span', { class: 'muted' }, `(${sc.time || 'day'}, ${sc.mood || ''})`), tools),
        sc.shots.map((sh, hi) => shotRow(ep, ei, sc, si, sh, hi, names)),
        el('p', { class: 'adds' },
          btn('add-shot', '+ Add a line', 'Add a shot with a line at the end of the scene',
            edit(() => sc.shots.push({ type: 'medium', line: { speaker: names[0] || null, text: '…' } }))), ' ',
          btn('add-action', '+ Add a shot', 'Add a silent shot at the end of the scene',
            edit(() => sc.shots.push({ type: 'wide', action: '…' }))))));
    });
    const last = scenes[scenes.length - 1] || {};
    cards.push(el('p', { class: 'adds' }, btn('add-scene', `+ Add a scene to episode ${ep.number}`, 'Add a scene at the end of the episode',
      edit(() => scenes.push({ location: last.location || places[0], time: last.time || 'day', mood: last.mood || 'calm',
        cast: copy(last.cast || []), shots: [{ type: 'wide', action: '…' }] })))));
  });
  clear(box, ...cards);
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

function getPath(obj, path) {
  let o = obj;
  for (const p of path.replace(/\[(\d+)\]/g, '.$1').split('.')) o = o === undefined || o === null ? undefined : o[p];
  return o;
}

function collectScript() {
  if (!storyboard) return;
  const shown = { speaker: '(narration)', camera: 'static', emotion: 'neutral' };
  for (const e of document.querySelectorAll('#script [data-path]')) {
    let v = e.value;
    const path = e.dataset.path, key = path.split('.').pop(), old = getPath(storyboard, path);
    // an unchanged field keeps its exact stored value ("static" and a missing camera look alike)
    if (v === (old === undefined || old === null ? shown[key] : old)) continue;
    if (shown[key] !== undefined && v === shown[key]) v = null;
    setPath(storyboard, path, v);
  }
}

async function saveStoryboard() {
  collectScript();
  for (const e of document.querySelectorAll('.field-error')) e.classList.remove('field-error');
  for (const e of document.querySelectorAll('[data-msg]')) e.textContent = '';
  const r = await api('PUT', projectUrl('/storyboard'), storyboard);
  const msg = $('save-msg');
  msg.classList.remove('hidden');
  if (r.ok) {
    msg.className = 'ok';
    msg.textContent = 'Saved. Press Render to update the episode.';
    // the new version: shots now at their saved places get previews
    const p = await api('GET', projectUrl());
    if (p.ok) { version = p.data.version || version; mapThumbs(p.data); }
    recordSaved();
    renderScript();
    return true;
  }
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
setInterval(() => { if (!events) loadProjects().catch(() => { /* server away: the next tick tries again */ }); }, 5000);
