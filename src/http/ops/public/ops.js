// The ops console: plain modules, no framework. Every call goes through the public admin API with
// the signed-in admin's bearer token (kept in sessionStorage: gone when the tab closes).
const API = '/api/v1';
const $ = (selector) => document.querySelector(selector);
let token = sessionStorage.getItem('ops-token');

async function api(path, options = {}) {
  const response = await fetch(`${API}${path}`, {
    ...options,
    headers: { ...(options.body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  const text = await response.text();
  const body = text ? JSON.parse(text) : undefined;
  if (response.status === 401) signOut();
  if (!response.ok) throw new Error(body?.detail ?? body?.title ?? `HTTP ${response.status}`);
  return body;
}

const listOf = (body) => (Array.isArray(body) ? body : body?.items ?? body?.projections ?? body?.deadLetters ?? body?.buckets ?? []);
const cell = (text, className) => {
  const td = document.createElement('td');
  td.textContent = text ?? '';
  if (className) td.className = className;
  return td;
};
const showError = (id, error) => ($(id).textContent = error ? String(error.message ?? error) : '');

// ---- sign-in ------------------------------------------------------------------------------------
async function signIn(email, password) {
  const { token: issued } = await api('/auth/login', { method: 'POST', body: JSON.stringify({ email, password }) });
  token = issued;
  const me = await api('/me');
  if (!(me.roles ?? []).includes('admin')) {
    token = null;
    throw new Error('this account is not an admin');
  }
  sessionStorage.setItem('ops-token', token);
  sessionStorage.setItem('ops-email', me.email ?? email);
}

function signOut() {
  token = null;
  sessionStorage.removeItem('ops-token');
  render();
}

function render() {
  const signedIn = Boolean(token);
  $('#login-panel').hidden = signedIn;
  $('#console').hidden = !signedIn;
  $('#who').hidden = !signedIn;
  $('#who-email').textContent = sessionStorage.getItem('ops-email') ?? '';
  if (signedIn) {
    void loadProjections();
    void loadDeadLetters();
  }
}

$('#login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  try {
    await signIn(form.get('email'), form.get('password'));
    showError('#login-error');
    render();
  } catch (error) {
    showError('#login-error', error);
  }
});
$('#sign-out').addEventListener('click', signOut);

// ---- projections --------------------------------------------------------------------------------
let projectionPoll;

function rebuildText(projection) {
  const rebuild = projection.rebuild;
  if (!rebuild) return '';
  const progress = rebuild.progress;
  if (rebuild.status === 'failed') return `failed: ${rebuild.error ?? ''}`;
  if (rebuild.status === 'succeeded') return `done (${rebuild.events ?? progress?.done ?? 0} events)`;
  if (!progress) return 'starting';
  const percent = progress.total ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : undefined;
  return `${progress.phase}${percent !== undefined ? ` ${percent}%` : ''} · ${progress.done} events · ${Math.round(progress.eventsPerSecond)}/s`;
}

async function loadProjections() {
  try {
    const projections = listOf(await api('/admin/projections'));
    const tbody = $('#projections tbody');
    tbody.replaceChildren(
      ...projections.map((projection) => {
        const row = document.createElement('tr');
        row.dataset.projection = projection.name;
        const state = projection.state ?? projection.status ?? '';
        row.append(
          cell(projection.name),
          cell(state, `state-${state}`),
          cell(projection.checkpoint ?? ''),
          cell(String(projection.lagEvents ?? '')),
          cell(projection.lagSeconds !== undefined ? String(Math.round(projection.lagSeconds * 10) / 10) : ''),
          cell(rebuildText(projection), 'rebuild-progress'),
        );
        const action = document.createElement('td');
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'small rebuild';
        button.textContent = 'Rebuild';
        button.addEventListener('click', () => rebuild(projection.name, button));
        action.append(button);
        row.append(action);
        return row;
      }),
    );
    showError('#projections-error');
    const running = projections.some((p) => p.rebuild?.status === 'running' || p.rebuild?.status === 'queued');
    clearTimeout(projectionPoll);
    if (running) projectionPoll = setTimeout(loadProjections, 1_000);
  } catch (error) {
    showError('#projections-error', error);
  }
}

async function rebuild(name, button) {
  button.disabled = true;
  try {
    await api(`/admin/projections/${encodeURIComponent(name)}/rebuild`, { method: 'POST', body: '{}' });
    await loadProjections();
    clearTimeout(projectionPoll);
    projectionPoll = setTimeout(loadProjections, 500);
  } catch (error) {
    showError('#projections-error', error);
  } finally {
    button.disabled = false;
  }
}
$('#projections-refresh').addEventListener('click', loadProjections);

// ---- dead letters -------------------------------------------------------------------------------
async function loadDeadLetters() {
  try {
    const letters = listOf(await api('/admin/dead-letters'));
    $('#dead-letters-empty').hidden = letters.length > 0;
    $('#dead-letters tbody').replaceChildren(
      ...letters.map((letter) => {
        const row = document.createElement('tr');
        row.append(
          cell(letter.id),
          cell([letter.queue, letter.name ?? letter.jobName].filter(Boolean).join(' / ')),
          cell(letter.failedAt ?? letter.finishedAt ?? ''),
          cell(String(letter.attempts ?? letter.attemptsMade ?? '')),
          cell(letter.reason ?? letter.failedReason ?? letter.error ?? ''),
        );
        const action = document.createElement('td');
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'small';
        button.textContent = 'Retry';
        button.addEventListener('click', async () => {
          button.disabled = true;
          try {
            await api(`/admin/dead-letters/${encodeURIComponent(letter.id)}/retry`, { method: 'POST', body: '{}' });
            await loadDeadLetters();
          } catch (error) {
            showError('#dead-letters-error', error);
            button.disabled = false;
          }
        });
        action.append(button);
        row.append(action);
        return row;
      }),
    );
    showError('#dead-letters-error');
  } catch (error) {
    showError('#dead-letters-error', error);
  }
}
$('#dead-letters-refresh').addEventListener('click', loadDeadLetters);

// ---- stream browser -----------------------------------------------------------------------------
async function showStream(stream, asOf) {
  try {
    const query = asOf ? `?asOf=${encodeURIComponent(asOf)}` : '';
    const view = await api(`/admin/streams/${encodeURIComponent(stream)}${query}`);
    const events = view.events ?? [];
    $('#stream-events tbody').replaceChildren(
      ...events.map((event) => {
        const row = document.createElement('tr');
        row.append(cell(String(event.revision)), cell(event.type), cell(event.recordedAt ?? ''), cell(JSON.stringify(event.data), 'data'));
        return row;
      }),
    );
    $('#stream-state').textContent = JSON.stringify(view.state, null, 2);
    const slider = $('#stream-revision');
    const last = Number(view.revision ?? 0);
    if (!asOf) slider.max = String(Math.max(0, last));
    slider.value = String(last);
    $('#stream-revision-label').textContent = `revision ${slider.value} of ${slider.max}`;
    $('#stream-revision-row').hidden = false;
    showError('#stream-error');
  } catch (error) {
    showError('#stream-error', error);
  }
}

$('#stream-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  void showStream(String(form.get('stream')).trim(), String(form.get('asOf') ?? '').trim());
});
$('#stream-revision').addEventListener('change', (event) => {
  const stream = String(new FormData($('#stream-form')).get('stream')).trim();
  void showStream(stream, event.target.value);
});

// ---- inventory timeline -------------------------------------------------------------------------
const series = [
  ['onHand', '#2f6fed'],
  ['reserved', '#f39c12'],
  ['available', '#2e7d32'],
];

function plot(buckets) {
  const svg = $('#timeline-chart');
  const [width, height, pad] = [800, 260, 36];
  const max = Math.max(1, ...buckets.flatMap((b) => series.map(([key]) => b[key] ?? 0)));
  const x = (i) => pad + (buckets.length <= 1 ? 0 : (i * (width - 2 * pad)) / (buckets.length - 1));
  const y = (v) => height - pad - (v / max) * (height - 2 * pad);
  const ns = 'http://www.w3.org/2000/svg';
  const node = (name, attributes, text) => {
    const element = document.createElementNS(ns, name);
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
    if (text !== undefined) element.textContent = text;
    return element;
  };
  const children = [
    node('line', { x1: pad, y1: height - pad, x2: width - pad, y2: height - pad, stroke: '#999' }),
    node('line', { x1: pad, y1: pad, x2: pad, y2: height - pad, stroke: '#999' }),
    node('text', { x: 4, y: pad, 'font-size': 11 }, String(max)),
    node('text', { x: 4, y: height - pad, 'font-size': 11 }, '0'),
  ];
  if (buckets.length > 0) {
    children.push(node('text', { x: pad, y: height - 10, 'font-size': 11 }, buckets[0].at));
    children.push(node('text', { x: width - pad, y: height - 10, 'font-size': 11, 'text-anchor': 'end' }, buckets.at(-1).at));
  }
  for (const [key, colour] of series) {
    const points = buckets.map((b, i) => `${x(i)},${y(b[key] ?? 0)}`).join(' ');
    children.push(node('polyline', { points, fill: 'none', stroke: colour, 'stroke-width': 2, 'data-series': key }));
  }
  svg.replaceChildren(...children);
}

$('#timeline-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const params = new URLSearchParams({ bucket: String(form.get('bucket')) });
  for (const key of ['from', 'to']) {
    const value = form.get(key);
    if (value) params.set(key, new Date(String(value)).toISOString());
  }
  try {
    const body = await api(`/admin/inventory/${encodeURIComponent(String(form.get('sku')).trim())}/timeline?${params}`);
    plot(listOf(body));
    showError('#timeline-error');
  } catch (error) {
    showError('#timeline-error', error);
  }
});

render();
