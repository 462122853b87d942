'use strict';
// Patchbay web console: sign-in with an API token, hash routes for devices, sessions, leases,
// recordings and jobs, a full-width terminal over the WebSocket protocol of docs/terminal-protocol.md
// that reconnects, and asciinema-player for recordings.

const enc = encodeURIComponent;
const $ = (id) => document.getElementById(id);

function el(tag, props, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

// ---- sign-in -----------------------------------------------------------------------------------
// The API token lives in sessionStorage (this tab only; never localStorage, never a URL). Every API
// call sends it as 'Authorization: Bearer'; the terminal WebSocket gets a single-use ticket instead.

const TOKEN_KEY = 'patchbay.token';
const auth = { token: null, me: null };

/** An API answer that was not 2xx; message is readable (the problem's detail when there is one). */
class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function problemMessage(response) {
  let detail = '';
  try {
    const problem = await response.json();
    detail = problem.detail || problem.title || '';
  } catch (e) {
    // not JSON: the status says enough
  }
  const label = response.status === 401 ? 'not signed in'
    : response.status === 403 ? 'not allowed'
      : response.status === 429 ? 'too many attempts' : 'HTTP ' + response.status;
  return detail ? label + ': ' + detail : label;
}

/** fetch() with the signed-in token; a 401 signs out, any other error throws an ApiError. */
async function api(path, options = {}) {
  if (!auth.token) throw new ApiError(401, 'not signed in');
  const headers = Object.assign({ Accept: 'application/json' }, options.headers,
    { Authorization: 'Bearer ' + auth.token });
  const response = await fetch(path, Object.assign({}, options, { headers }));
  if (response.ok) return response;
  const message = await problemMessage(response);
  if (response.status === 401) signOut('Signed out: ' + message);
  throw new ApiError(response.status, message);
}

async function getJson(path) {
  return (await api(path)).json();
}

/** Whether the signed-in token may type into terminals (OPERATOR or ADMIN). */
function canWrite() {
  return auth.me !== null && auth.me.role !== 'VIEWER';
}

async function signIn(token) {
  $('login-error').textContent = '';
  let response;
  try {
    response = await fetch('/api/v1/auth/me',
      { headers: { Accept: 'application/json', Authorization: 'Bearer ' + token } });
  } catch (e) {
    showLogin('Cannot reach Patchbay: ' + e.message);
    return;
  }
  if (!response.ok) {
    sessionStorage.removeItem(TOKEN_KEY);
    showLogin(response.status === 401 ? 'Token refused: ' + await problemMessage(response)
      : await problemMessage(response));
    return;
  }
  auth.token = token;
  auth.me = await response.json();
  sessionStorage.setItem(TOKEN_KEY, token);
  const who = $('who');
  who.replaceChildren(auth.me.name, el('small', { textContent: auth.me.role }));
  who.dataset.role = auth.me.role;
  who.title = auth.me.testbeds ? 'testbeds: ' + auth.me.testbeds.join(', ') : 'every testbed';
  who.hidden = false;
  $('sign-out').hidden = false;
  $('nav').hidden = false;
  $('login').hidden = true;
  $('app').hidden = false;
  $('readonly-hint').hidden = canWrite();
  $('testbed-list').replaceChildren(...(auth.me.testbeds || []).map((t) => el('option', { value: t })));
  if (auth.me.testbeds && !$('f-testbed').value) $('f-testbed').value = auth.me.testbeds[0];
  terminal.setButtons(false);
  live.start();
  route();
}

function signOut(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  const wasSignedIn = auth.token !== null;
  auth.token = null;
  auth.me = null;
  if (wasSignedIn) {
    live.stop();
    terminal.detach();
    player.stop();
    for (const id of ['devices', 'sessions', 'leases', 'recordings', 'jobs']) $(id).replaceChildren();
    $('device-search').reset();
  }
  showLogin(message);
}

function showLogin(message) {
  $('app').hidden = true;
  $('who').hidden = true;
  $('nav').hidden = true;
  $('sign-out').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message || '';
  $('token').focus();
}

$('login').addEventListener('submit', (event) => {
  event.preventDefault();
  const token = $('token').value.trim();
  $('token').value = '';
  if (token) signIn(token);
});
$('sign-out').onclick = () => signOut('');

// ---- routes ----------------------------------------------------------------------------------
// #/devices, #/sessions, #/devices/{device}/sessions/{alias}, #/leases, #/recordings,
// #/recordings/{id}, #/jobs. A reload keeps the route, so a terminal re-attaches.

const routes = [
  [/^#\/devices\/([^/]+)\/sessions\/([^/]+)$/, (d, a) => show('terminal', () => terminal.attach(d, a))],
  [/^#\/sessions$/, () => show('sessions', refreshSessions)],
  [/^#\/leases$/, () => show('leases', refreshLeases)],
  [/^#\/recordings\/([^/]+)$/, (id) => show('recording', () => player.open(id))],
  [/^#\/recordings$/, () => show('recordings', refreshRecordings)],
  [/^#\/jobs$/, () => show('jobs', refreshJobs)],
  [/^#\/devices$/, () => show('devices', refreshDevices)],
];

/** The hash route for a session's terminal. */
function sessionHref(device, alias) {
  return '#/devices/' + enc(device) + '/sessions/' + enc(alias);
}

function route() {
  if (!auth.token) return;
  for (const [pattern, action] of routes) {
    const match = location.hash.match(pattern);
    if (match) {
      action(...match.slice(1).map(decodeURIComponent));
      return;
    }
  }
  location.replace('#/devices');
}

/** Shows one view. The terminal stays attached behind the others until it is closed. */
function show(view, load) {
  if (view !== 'recording') player.stop();
  for (const section of document.querySelectorAll('.view')) section.hidden = section.id !== 'view-' + view;
  for (const link of document.querySelectorAll('#nav a')) {
    link.classList.toggle('active', view.startsWith(link.dataset.route.replace(/s$/, '')));
  }
  if (view === 'terminal') terminal.fit();
  load();
}

window.addEventListener('hashchange', route);

/** Fills a table body with rows, or one row saying why there are none. */
function fillTable(body, rows, empty, columns) {
  body.replaceChildren(...(rows.length ? rows
    : [el('tr', {}, el('td', { colSpan: columns, className: 'empty', textContent: empty }))]));
}

async function load(body, columns, what, rows) {
  try {
    const built = await rows();
    if (auth.token) fillTable(body, built, 'no ' + what, columns);
  } catch (e) {
    if (auth.token) fillTable(body, [], 'cannot list ' + what + ': ' + e.message, columns);
  }
}

// ---- live sessions and leases ----------------------------------------------------------------
// One GET /api/v1/sessions fills a store of every live session; GET /api/v1/events (server-sent
// events, read with fetch() because EventSource cannot send the Authorization header) keeps it
// current. Views render from the store and update only the rows an event names: no polling, and
// the same few requests with 5 or 5,000 devices.

const SESSION_PAGE = 500;

/** device/alias -> the session as GET /api/v1/sessions shows it. */
const liveSessions = new Map();

function sessionKey(device, alias) {
  return device + '/' + alias;
}

class LiveEvents {
  constructor() {
    this.controller = null;
    this.retries = 0;
    this.timer = null;
  }

  start() {
    this.stop();
    const controller = new AbortController();
    this.controller = controller;
    this.follow(controller);
  }

  stop() {
    clearTimeout(this.timer);
    if (this.controller) this.controller.abort();
    this.controller = null;
    liveSessions.clear();
    this.setState('off');
  }

  setState(state) {
    $('live').dataset.state = state;
    $('live').textContent = state === 'live' ? 'live' : state === 'off' ? '' : 'reconnecting…';
    $('live').hidden = state === 'off';
  }

  async follow(controller) {
    try {
      const response = await api('/api/v1/events', { headers: { Accept: 'text/event-stream' },
        signal: controller.signal });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value.replace(/\r\n?/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          await this.dispatch(block);
        }
      }
    } catch (e) {
      if (controller.signal.aborted || !auth.token) return;
    }
    if (controller !== this.controller || !auth.token) return;
    // The stream ends every few minutes (the token is checked again) or when it fell behind.
    this.setState('reconnecting');
    const delay = Math.min(30, 2 ** Math.min(this.retries++, 5));
    this.timer = setTimeout(() => { if (this.controller === controller) this.follow(controller); }, delay * 1000);
  }

  async dispatch(block) {
    let type = 'message';
    const data = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') type = value;
      else if (field === 'data') data.push(value);
    }
    if (!data.length) return;
    const event = JSON.parse(data.join('\n'));
    if (type === 'ready') {
      this.retries = 0;
      await loadSessions();
      this.setState('live');
      renderSessionsView();
      for (const device of devicesShown()) updateDeviceSessions(device);
    } else if (type === 'session') {
      const session = event.session;
      liveSessions.set(sessionKey(session.device, session.alias), session);
      sessionChanged(session.device, session.alias);
    } else if (type === 'session-closed') {
      liveSessions.delete(sessionKey(event.device, event.alias));
      sessionChanged(event.device, event.alias);
    } else if (type === 'lease') {
      leaseChanged(event.devices || []);
    }
  }
}

const live = new LiveEvents();

/** Every live session the token may see, in one call (paged beyond 500 sessions, not devices). */
async function loadSessions() {
  const page = await getJson('/api/v1/sessions?size=' + SESSION_PAGE).catch(() => null);
  if (!page) return;
  liveSessions.clear();
  for (const session of page.items) liveSessions.set(sessionKey(session.device, session.alias), session);
  $('session-count').textContent = page.totalItems > page.items.length
    ? '(showing ' + page.items.length + ' of ' + page.totalItems + ')' : '';
}

function sessionChanged(device, alias) {
  updateSessionRow(device, alias);
  updateDeviceSessions(device);
}

/** Leases changed for some devices: one leases call refreshes the lease column or view shown. */
async function leaseChanged(devices) {
  if (!$('view-leases').hidden) refreshLeases();
  const shown = new Set(devicesShown());
  if (!devices.some((device) => shown.has(device))) return;
  const leases = await activeLeases();
  for (const device of shown) {
    const cell = document.querySelector('#devices tr[data-device="' + CSS.escape(device) + '"] td.lease');
    if (cell) fillLeaseCell(cell, leases.get(device));
  }
}

function sessionsOf(device) {
  return [...liveSessions.values()].filter((session) => session.device === device);
}

function age(iso) {
  const seconds = Math.max(0, Math.round((Date.now() - new Date(iso)) / 1000));
  if (seconds < 60) return seconds + ' s';
  if (seconds < 3600) return Math.floor(seconds / 60) + ' min';
  return Math.floor(seconds / 3600) + ' h ' + Math.floor(seconds % 3600 / 60) + ' min';
}

// ---- devices ---------------------------------------------------------------------------------
// One list call per page, with the API's filters: a page costs the same with 5 or 5,000 devices.

const deviceQuery = { page: 0, size: 50, last: null };

function devicePath() {
  const query = new URLSearchParams({ page: deviceQuery.page, size: deviceQuery.size });
  const name = $('f-name').value.trim();
  if (name) query.set('name', /[*?]/.test(name) ? name : '*' + name + '*');
  for (const [field, input] of [['os', 'f-os'], ['type', 'f-type'], ['testbed', 'f-testbed']]) {
    const value = $(input).value.trim();
    if (value) query.set(field, value);
  }
  return '/api/v1/devices?' + query;
}

async function listDevicePage() {
  const page = await getJson(devicePath());
  deviceQuery.last = page;
  return page;
}

/** Active leases by device name: one call, whatever the number of devices. */
async function activeLeases() {
  const leases = new Map();
  const page = await getJson('/api/v1/leases?active=true&size=500').catch(() => ({ items: [] }));
  for (const lease of page.items) for (const device of lease.devices || []) leases.set(device, lease);
  return leases;
}

async function refreshDevices() {
  const box = $('devices');
  try {
    const [page, leases] = await Promise.all([listDevicePage(), activeLeases()]);
    if (!auth.token) return;
    $('device-count').textContent = page.totalItems + ' device(s), page ' + (page.page + 1) + ' of '
      + Math.max(page.totalPages, 1);
    $('devices-prev').disabled = page.page === 0;
    $('devices-next').disabled = page.page + 1 >= page.totalPages;
    const groups = new Map();
    for (const device of page.items) {
      const testbed = device.testbed || '(no testbed)';
      if (!groups.has(testbed)) groups.set(testbed, []);
      groups.get(testbed).push(device);
    }
    box.replaceChildren(...[...groups].map(([testbed, devices]) => el('div', { className: 'group' },
      el('h3', { textContent: testbed }),
      el('table', {}, el('thead', {}, el('tr', {}, ...['Name', 'OS', 'Type', 'Connections', 'Lease', 'Sessions', '']
        .map((title) => el('th', { textContent: title })))),
      el('tbody', {}, ...devices.map((device) => deviceRow(device, leases.get(device.name))))))));
    if (!page.items.length) box.replaceChildren(el('p', { className: 'empty', textContent: 'no device matches' }));
  } catch (e) {
    if (auth.token) box.replaceChildren(el('p', { textContent: 'cannot list devices: ' + e.message }));
  }
}

function deviceRow(device, lease) {
  const connections = (device.connections || []).map((c) => c.name + ' (' + (c.protocol || '?') + ' '
    + (c.host || '') + (c.port ? ':' + c.port : '') + ')').join(', ');
  const actions = el('td', { className: 'actions' });
  if (canWrite()) {
    // Opening a session is an operator's action; viewers attach to open ones (Sessions view).
    actions.append(el('a', { href: sessionHref(device.name, 'web'), className: 'open-terminal button',
      textContent: 'Open terminal' }));
    actions.lastChild.dataset.device = device.name;
  }
  const leaseCell = el('td');
  fillLeaseCell(leaseCell, lease);
  const row = el('tr', {}, el('td', {}, el('strong', { textContent: device.name })),
    el('td', { textContent: device.os || '' }), el('td', { textContent: device.type || '' }),
    el('td', { className: 'small', textContent: connections }), leaseCell,
    el('td', { className: 'sessions small' }), actions);
  row.dataset.device = device.name;
  fillDeviceSessions(row.querySelector('td.sessions'), device.name);
  return row;
}

function fillLeaseCell(cell, lease) {
  cell.className = lease ? 'lease leased small' : 'lease small';
  cell.textContent = lease ? lease.holder + ' until ' + when(lease.expiresAt) : 'free';
}

/** The device's live sessions as links: alias, state, writer. */
function fillDeviceSessions(cell, device) {
  cell.replaceChildren(...sessionsOf(device).flatMap((session, i) => [i ? ', ' : null,
    el('a', { href: sessionHref(session.device, session.alias), className: 'state-' + session.state,
      textContent: session.alias + ' ' + session.state.toLowerCase()
        + (session.writer ? ' (' + session.writer + ' writes)' : '') })]).filter((node) => node));
}

function devicesShown() {
  return [...document.querySelectorAll('#devices tr[data-device]')].map((row) => row.dataset.device);
}

function updateDeviceSessions(device) {
  const cell = document.querySelector('#devices tr[data-device="' + CSS.escape(device) + '"] td.sessions');
  if (cell) fillDeviceSessions(cell, device);
}

$('device-search').addEventListener('submit', (event) => {
  event.preventDefault();
  deviceQuery.page = 0;
  refreshDevices();
});
$('devices-prev').onclick = () => { deviceQuery.page = Math.max(0, deviceQuery.page - 1); refreshDevices(); };
$('devices-next').onclick = () => { deviceQuery.page++; refreshDevices(); };

// ---- sessions --------------------------------------------------------------------------------
// Rendered from the live store: the view costs no request of its own; Refresh reloads the store.

function sessionRow(s) {
  const row = el('tr', {}, el('td', { textContent: s.device }), el('td', { textContent: s.alias }),
    el('td', { textContent: s.via + (s.protocol ? ' (' + s.protocol + ')' : '') }),
    el('td', { className: 'state-' + s.state, textContent: s.state }),
    el('td', { className: 'writer', textContent: s.writer || '' }),
    el('td', { className: 'viewers', textContent: (s.viewers || []).join(', ') }),
    el('td', { textContent: s.openedBy || '' }),
    el('td', { title: when(s.openedAt), textContent: age(s.openedAt) }),
    el('td', {}, s.poolSize > 1 ? el('small', { textContent: 'pool of ' + s.poolSize })
      : el('a', { href: sessionHref(s.device, s.alias), className: 'button attach', textContent: 'Attach' })));
  row.dataset.session = sessionKey(s.device, s.alias);
  return row;
}

function renderSessionsView() {
  const sessions = [...liveSessions.values()].sort((a, b) => a.device.localeCompare(b.device)
    || a.alias.localeCompare(b.alias));
  fillTable($('sessions'), sessions.map(sessionRow), 'no live sessions', 9);
}

/** One session changed: replace, add or remove its row only. */
function updateSessionRow(device, alias) {
  const key = sessionKey(device, alias);
  const body = $('sessions');
  const old = [...body.querySelectorAll('tr[data-session]')].find((row) => row.dataset.session === key);
  const session = liveSessions.get(key);
  if (old && session) old.replaceWith(sessionRow(session));
  else if (old) {
    old.remove();
    if (!body.querySelector('tr[data-session]')) renderSessionsView();
  } else if (session) renderSessionsView();
}

async function refreshSessions() {
  if ($('live').dataset.state !== 'live') await loadSessions(); // else the store is current
  renderSessionsView();
}

$('refresh-sessions').onclick = async () => {
  await loadSessions();
  renderSessionsView();
};

// ---- terminal --------------------------------------------------------------------------------

/** Rendered output acknowledged at once: well below the service's low watermark (256 KiB). */
const ACK_EVERY = 32 * 1024;

/**
 * A terminal attached to one session. Keeps the session it is attached to across dropped
 * WebSockets: reconnects with a growing delay (1 s, 2 s, 4 s ... 30 s) until the session is closed
 * or the user closes the terminal. Input goes out in frames the service accepts: at most
 * maxInputFrame bytes each, paced by the input token bucket the status message announces.
 */
class TerminalView {
  constructor(container) {
    this.container = container;
    this.socket = null;
    this.status = null;
    this.attempt = 0;
    this.target = null;
    this.retries = 0;
    this.retryTimer = null;
    this.pending = [];
    this.bucket = { tokens: 0, at: 0 };
    this.encoder = new TextEncoder();
    window.addEventListener('resize', () => this.fit());
    new ResizeObserver(() => this.fit()).observe(container);
  }

  /** Attaches to device/alias (opening it when absent and the token may write). */
  attach(device, alias) {
    const same = this.target && this.target.device === device && this.target.alias === alias && this.socket;
    if (same) return;
    this.detach();
    this.target = { device, alias };
    this.viewOnly = false;
    $('session-name').textContent = device + '/' + alias;
    $('terminal-link').href = sessionHref(device, alias);
    $('terminal-link').textContent = 'Terminal ' + device + '/' + alias;
    $('terminal-link').hidden = false;
    $('detach').disabled = false;
    this.connect();
  }

  async connect() {
    clearTimeout(this.retryTimer);
    const attempt = ++this.attempt;
    const { device, alias } = this.target;
    this.showState('CONNECTING', this.retries ? 'reconnecting (attempt ' + (this.retries + 1) + ')' : 'connecting');
    $('reconnect').hidden = true;
    // A browser cannot send the Authorization header on a WebSocket, and the token must not travel
    // in a URL: fetch a single-use ticket (valid for seconds) and connect with ?ticket=.
    let ticket;
    try {
      ticket = (await (await api('/api/v1/auth/tickets', { method: 'POST' })).json()).ticket;
    } catch (e) {
      if (attempt !== this.attempt) return;
      this.dropped('cannot get a ticket: ' + e.message, e.status !== 401 && e.status !== 403);
      return;
    }
    if (attempt !== this.attempt) return;
    if (!this.term) this.createTerm();
    this.term.reset();
    const query = new URLSearchParams({ ticket });
    if (canWrite() && !this.viewOnly) query.set('open', 'true');
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const url = scheme + '://' + location.host + '/ws/v1/devices/' + enc(device) + '/sessions/'
      + enc(alias) + '/terminal?' + query;
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    let lastError = null;
    // Flow control: acknowledge output once xterm.js has rendered it, so that the service sends
    // no more than its high watermark ahead of the screen (docs/terminal-protocol.md).
    let rendered = 0;
    const term = this.term;
    socket.onmessage = (event) => {
      if (typeof event.data === 'string') {
        const message = JSON.parse(event.data);
        if (message.type === 'error') lastError = message;
        this.control(message);
      } else {
        const bytes = new Uint8Array(event.data);
        term.write(bytes, () => {
          rendered += bytes.length;
          if (rendered >= ACK_EVERY && socket.readyState === WebSocket.OPEN) {
            socket.send(JSON.stringify({ type: 'ack', bytes: rendered }));
            rendered = 0;
          }
        });
      }
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.pending = [];
      const ended = this.status && this.status.state === 'CLOSED';
      if (event.code === 4000 && lastError && lastError.code === 'locked' && !this.viewOnly) {
        // A leased device: its holder opens the session over REST; attach without open=true.
        this.viewOnly = true;
        this.connect();
      } else if (event.code === 4000 || ended) {
        // The service refused the attach (the session is gone, a pool, not allowed) or closed it.
        const why = ended ? closedReason(this.status) : (lastError ? lastError.code + ': ' + lastError.message
          : event.reason);
        this.closed(why);
      } else if (!this.status && !lastError && event.code === 1006 && this.retries > 3) {
        this.closed('the terminal connection was refused');
      } else {
        this.dropped('connection lost' + (event.reason ? ': ' + event.reason : ' (code ' + event.code + ')'), true);
      }
    };
    this.socket = socket;
  }

  createTerm() {
    this.term = new Terminal({ cursorBlink: true, fontSize: 14, scrollback: 5000 });
    this.fitAddon = new FitAddon.FitAddon();
    this.term.loadAddon(this.fitAddon);
    this.term.open(this.container);
    this.fit();
    this.term.onData((data) => this.input(data));
    this.term.onResize(() => this.sendResize(false));
  }

  /** The WebSocket dropped: try again after a growing delay. */
  dropped(reason, retry) {
    this.status = null;
    this.setButtons(false);
    $('reconnect').hidden = false;
    if (!retry) {
      this.showState('DISCONNECTED', 'disconnected: ' + reason);
      return;
    }
    const delay = Math.min(30, 2 ** Math.min(this.retries, 5));
    this.retries++;
    this.showState('DISCONNECTED', 'disconnected: ' + reason + '; reconnecting in ' + delay + ' s');
    this.retryTimer = setTimeout(() => this.connect(), delay * 1000);
  }

  /** The session is gone (or cannot be attached): no retry, a Reconnect button re-opens it. */
  closed(reason) {
    this.status = null;
    this.setButtons(false);
    this.showState('CLOSED', 'closed: ' + reason);
    $('reconnect').hidden = false;
    $('end-session').hidden = true;
  }

  detach() {
    this.attempt++;
    clearTimeout(this.retryTimer);
    this.retries = 0;
    this.target = null;
    this.pending = [];
    if (this.socket) {
      const socket = this.socket;
      this.socket = null;
      socket.close();
    }
    if (this.term) this.term.dispose();
    this.term = null;
    this.fitAddon = null;
    this.status = null;
    this.showState('none', 'not attached');
    $('terminal-link').hidden = true;
    this.setButtons(false);
    $('reconnect').hidden = true;
    $('end-session').hidden = true;
    $('detach').disabled = true;
    $('viewers').textContent = '';
  }

  control(message) {
    if (message.type === 'status') {
      const before = this.status;
      if (before && (before.writer !== message.writer || before.writable !== message.writable)) {
        $('notice').textContent = ''; // a refusal or hint about the old writer no longer applies
      }
      if (this.taken) $('notice').textContent = this.taken; // ...but why this viewer lost control does
      this.taken = null;
      this.status = message;
      this.retries = 0;
      this.showState(message.state, message.state === 'CLOSED' ? 'closed: ' + closedReason(message)
        : message.state === 'DISCONNECTED' ? 'DISCONNECTED: the device connection was lost' : message.state);
      // A lost device connection: reconnect re-opens the session, End session closes it.
      $('reconnect').hidden = message.state !== 'DISCONNECTED' || !canWrite();
      $('end-session').hidden = !canWrite() || message.state === 'CLOSED';
      const indicator = $('write-indicator');
      if (message.state !== 'CONNECTED' && message.state !== 'RECONNECTING') {
        indicator.dataset.mode = 'none';
        indicator.textContent = 'nobody can type';
      } else if (message.writable) {
        indicator.dataset.mode = 'writer';
        indicator.textContent = 'you can type';
      } else if (message.writer === 'automation') {
        indicator.dataset.mode = 'automation';
        indicator.textContent = 'REST automation is typing';
      } else if (message.writer) {
        indicator.dataset.mode = 'other';
        indicator.textContent = 'read-only: ' + (message.writerName || message.writer) + ' is typing';
      } else {
        indicator.dataset.mode = 'none';
        indicator.textContent = 'read-only';
      }
      const names = message.viewerNames || [];
      $('viewers').textContent = message.viewers + ' viewer(s)' + (names.length ? ': ' + names.join(', ') : '');
      this.setButtons(message.state !== 'CLOSED');
      // A new writer tells the device its size; later only when the size changes.
      if (message.writable && !(before && before.writable)) this.sendResize(true);
      this.flush();
    } else if (message.type === 'error') {
      $('notice').textContent = message.code + ': ' + message.message;
      // write-taken comes just before the status that shows the new writer
      if (message.code === 'write-taken') this.taken = $('notice').textContent;
    }
  }

  setButtons(attached) {
    const writable = attached && this.status && this.status.writable;
    // A VIEWER token cannot take write control: no buttons, a read-only hint instead.
    $('request-write').hidden = !canWrite();
    $('release-write').hidden = !canWrite();
    $('request-write').disabled = !canWrite() || !attached || writable;
    $('release-write').disabled = !writable;
    // An ADMIN may take control from another viewer (audited), not from running REST automation.
    const other = attached && this.status && this.status.writer && !writable && this.status.writer !== 'automation';
    $('take-write').hidden = !auth.me || auth.me.role !== 'ADMIN';
    $('take-write').disabled = !other;
  }

  /** A new state: old notices no longer apply. */
  showState(state, text) {
    if ($('state').dataset.state !== state) $('notice').textContent = '';
    $('state').dataset.state = state;
    $('state').textContent = text;
    $('state').className = 'state-' + state;
  }

  sendControl(message) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify(message));
    }
  }

  /** Typed or pasted text: split into frames of at most maxInputFrame bytes, queued in order. */
  input(data) {
    if (!this.status || !this.status.writable) {
      $('notice').textContent = canWrite() ? 'read-only: request write control to type'
        : 'read-only: your ' + auth.me.role + ' token cannot type';
      return;
    }
    const bytes = this.encoder.encode(data);
    const max = this.status.maxInputFrame || 4096;
    for (let offset = 0; offset < bytes.length; offset += max) {
      this.pending.push(bytes.subarray(offset, offset + max));
    }
    this.flush();
  }

  /** Sends queued frames as the service's token bucket allows (90 % of it, to stay clear). */
  flush() {
    clearTimeout(this.flushTimer);
    const rate = (this.status && this.status.inputRate || 8192) * 0.9;
    const burst = (this.status && this.status.inputBurst || 16384) * 0.9;
    const now = performance.now();
    this.bucket.tokens = Math.min(burst, this.bucket.tokens + (now - this.bucket.at) / 1000 * rate);
    this.bucket.at = now;
    while (this.pending.length && this.socket && this.socket.readyState === WebSocket.OPEN) {
      const frame = this.pending[0];
      if (frame.length > this.bucket.tokens) {
        const wait = (frame.length - this.bucket.tokens) / rate * 1000;
        this.flushTimer = setTimeout(() => this.flush(), Math.ceil(wait));
        return;
      }
      this.bucket.tokens -= frame.length;
      this.socket.send(this.pending.shift());
    }
  }

  sendResize(always) {
    if (this.term && this.status && this.status.writable) {
      const size = this.term.cols + 'x' + this.term.rows;
      if (!always && size === this.sentSize) return;
      this.sentSize = size;
      this.sendControl({ type: 'resize', cols: this.term.cols, rows: this.term.rows });
    }
  }

  fit() {
    if (this.term && this.fitAddon && this.container.offsetParent !== null) {
      this.fitAddon.fit();
      $('size').textContent = this.term.cols + '×' + this.term.rows;
    }
  }
}

const terminal = new TerminalView($('terminal'));
$('request-write').onclick = () => {
  if (canWrite()) terminal.sendControl({ type: 'request-write' });
};
$('release-write').onclick = () => terminal.sendControl({ type: 'release-write' });
$('take-write').onclick = () => terminal.sendControl({ type: 'take-write' });
$('detach').onclick = () => {
  terminal.detach();
  location.hash = '#/sessions';
};
$('reconnect').onclick = async () => {
  if (!terminal.target) return;
  if (terminal.status && terminal.status.state === 'DISCONNECTED') {
    // The device dropped the session: close it, then open it again (the terminal sends open=true).
    const closed = await endSession(false);
    if (!closed) return;
  }
  terminal.retries = 0;
  terminal.connect();
};
$('end-session').onclick = () => endSession(true);

/** Closes the attached session for every viewer (DELETE, audited); true when it is gone. */
async function endSession(ask) {
  const { device, alias } = terminal.target || {};
  if (!device || (ask && !confirm('End ' + device + '/' + alias + ' for every viewer?'))) return false;
  try {
    await api('/api/v1/devices/' + enc(device) + '/sessions/' + enc(alias), { method: 'DELETE' });
    return true;
  } catch (e) {
    if (e.status === 404) return true;
    $('notice').textContent = 'cannot end the session: ' + e.message;
    return false;
  }
}

/** Why a session closed and who closed it, from its last status. */
function closedReason(status) {
  if (!status || !status.reason) return 'the session was closed';
  return status.reason + (status.closedBy ? ' (by ' + status.closedBy + ')' : '');
}
$('fullscreen').onclick = () => {
  const view = $('view-terminal');
  if (document.fullscreenElement) document.exitFullscreen();
  else if (view.requestFullscreen) view.requestFullscreen().catch(() => view.classList.toggle('full'));
};
document.addEventListener('fullscreenchange', () => terminal.fit());
$('copy').onclick = async () => {
  const text = terminal.term ? terminal.term.getSelection() : '';
  if (!text) {
    $('notice').textContent = 'select text in the terminal first';
    return;
  }
  await navigator.clipboard.writeText(text).catch((e) => { $('notice').textContent = 'cannot copy: ' + e.message; });
};
$('paste').onclick = async () => {
  try {
    pasteText(await navigator.clipboard.readText());
  } catch (e) {
    $('notice').textContent = 'cannot read the clipboard: ' + e.message + ' (use Ctrl+Shift+V)';
  }
};

/** Pastes into the terminal, asking first when the text has several lines (each runs a command). */
function pasteText(text) {
  if (!terminal.term || !text) return;
  const lines = text.split(/\r?\n/).filter((line) => line).length;
  if (lines > 1 && !confirm('Paste ' + lines + ' lines into ' + $('session-name').textContent + '?')) return;
  terminal.term.paste(text);
}

// A paste with the keyboard or the context menu: the same confirmation.
$('terminal').addEventListener('paste', (event) => {
  event.preventDefault();
  event.stopPropagation();
  pasteText(event.clipboardData.getData('text/plain'));
}, true);

// ---- leases ----------------------------------------------------------------------------------

async function refreshLeases() {
  await load($('leases'), 5, 'active leases', async () => {
    const page = await getJson('/api/v1/leases?active=true&size=100');
    return page.items.map((lease) => el('tr', {}, el('td', { textContent: (lease.devices || []).join(', ') }),
      el('td', { textContent: lease.holder }), el('td', { textContent: lease.reason || '' }),
      el('td', { textContent: when(lease.grantedAt) }), el('td', { textContent: when(lease.expiresAt) })));
  });
}

$('refresh-leases').onclick = refreshLeases;

// ---- recordings ------------------------------------------------------------------------------

async function refreshRecordings() {
  await load($('recordings'), 5, 'recordings', async () => {
    const page = await getJson('/api/v1/recordings?size=50');
    return page.items.map((recording) => {
      const row = el('tr', {},
        el('td', {}, el('strong', { textContent: recording.device + '/' + recording.alias })),
        el('td', { textContent: recording.openedBy || '' }),
        el('td', { textContent: when(recording.startedAt) }),
        el('td', { textContent: recording.endedAt ? recording.bytes + ' B' : 'live' }),
        el('td', {}, recording.endedAt ? el('a', { href: '#/recordings/' + enc(recording.id),
          className: 'button replay', textContent: 'Play' })
          : el('a', { href: sessionHref(recording.device, recording.alias), className: 'button',
            textContent: 'Follow live' })));
      row.dataset.id = recording.id;
      return row;
    });
  });
}

$('refresh-recordings').onclick = refreshRecordings;

/** asciinema-player on a recording fetched with the token (the player cannot send the header). */
class Player {
  constructor(container) {
    this.container = container;
    this.run = 0;
    this.cast = null;
    this.widget = null;
  }

  stop() {
    this.run++;
    if (this.widget) this.widget.dispose();
    this.widget = null;
    this.cast = null;
    this.container.replaceChildren();
    $('player-markers').replaceChildren();
    $('player-notice').textContent = '';
    this.setState('idle');
  }

  /** The recording's markers ("m" events: write handoffs), each a link that seeks to it. */
  listMarkers() {
    const markers = this.cast.split('\n').slice(1).filter((line) => line.includes('"m"')).map((line) => {
      try {
        return JSON.parse(line);
      } catch (e) {
        return null;
      }
    }).filter((event) => event && event[1] === 'm');
    // seek by marker index: the idle-time limit shifts the player's clock from the file's
    $('player-markers').replaceChildren(...markers.map(([time, , label], index) => el('li', {},
      el('button', { textContent: formatTime(time) + ' ' + label,
        onclick: () => this.widget && this.widget.seek({ marker: index }) }))));
  }

  async open(id) {
    this.stop();
    const run = this.run;
    try {
      const text = await (await api('/api/v1/recordings/' + enc(id),
        { headers: { Accept: 'application/x-asciicast' } })).text();
      if (run !== this.run) return;
      const header = JSON.parse(text.slice(0, text.indexOf('\n')));
      this.id = id;
      this.cast = text;
      $('player-title').textContent = (header.title || id) + ', '
        + new Date(header.timestamp * 1000).toLocaleString();
      this.create(0);
      this.listMarkers();
    } catch (e) {
      if (run === this.run) $('player-notice').textContent = 'cannot play: ' + e.message;
    }
  }

  /** (Re)creates the player with the chosen speed and idle limit, starting at {@code at} seconds. */
  create(at) {
    if (this.widget) this.widget.dispose();
    this.container.replaceChildren();
    const idle = $('player-idle').value;
    this.widget = AsciinemaPlayer.create({ data: this.cast }, this.container, {
      speed: Number($('player-speed').value),
      idleTimeLimit: idle ? Number(idle) : undefined,
      startAt: at,
      fit: 'both',
      controls: true,
      preload: true,
    });
    this.setState('ready');
    this.widget.addEventListener('play', () => this.setState('playing'));
    this.widget.addEventListener('playing', () => this.setState('playing'));
    this.widget.addEventListener('pause', () => this.setState('paused'));
    this.widget.addEventListener('ended', () => this.setState('done'));
  }

  restyle() {
    if (!this.widget) return;
    const at = this.widget.getCurrentTime();
    this.create(at);
  }

  download() {
    if (!this.cast) return;
    const link = el('a', { href: URL.createObjectURL(new Blob([this.cast], { type: 'application/x-asciicast' })),
      download: 'patchbay-recording-' + this.id + '.cast' });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  }

  setState(state) {
    $('player-state').dataset.state = state;
    $('player-state').textContent = state;
  }
}

function formatTime(seconds) {
  const whole = Math.floor(seconds);
  return Math.floor(whole / 60) + ':' + String(whole % 60).padStart(2, '0');
}

const player = new Player($('player'));
$('player-speed').onchange = () => player.restyle();
$('player-idle').onchange = () => player.restyle();
$('download').onclick = () => player.download();

// ---- jobs ------------------------------------------------------------------------------------

async function refreshJobs() {
  await load($('jobs'), 6, 'jobs', async () => {
    const page = await getJson('/api/v1/jobs?size=50');
    return page.items.map((job) => el('tr', {}, el('td', { className: 'small', textContent: job.id }),
      el('td', { textContent: job.kind }), el('td', { className: 'job-' + job.state, textContent: job.state }),
      el('td', { textContent: job.actor }),
      el('td', { textContent: job.counts ? job.counts.succeeded + ' ok, ' + job.counts.failed + ' failed of '
        + job.counts.total : '' }),
      el('td', { textContent: when(job.createdAt) })));
  });
}

$('refresh-jobs').onclick = refreshJobs;

const stored = sessionStorage.getItem(TOKEN_KEY);
if (stored) signIn(stored);
else showLogin('');
