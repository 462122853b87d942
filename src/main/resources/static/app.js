'use strict';
// Patchbay web console: sign-in with an API token, devices with live session states, a terminal
// over the WebSocket protocol of docs/terminal-protocol.md, and a player for asciicast v2 recordings.

const enc = encodeURIComponent;
const $ = (id) => document.getElementById(id);

function el(tag, props, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

// ---- sign-in -----------------------------------------------------------------------------------
// The API token lives in sessionStorage (this tab only; never localStorage, never a URL). Every API
// call sends it as 'Authorization: Bearer'; the terminal WebSocket gets a single-use ticket instead.

const TOKEN_KEY = 'patchbay.token';
const auth = { token: null, me: null };
let refreshTimer = null;

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
  $('login').hidden = true;
  $('app').hidden = false;
  $('readonly-hint').hidden = canWrite();
  terminal.setButtons(false);
  refreshDevices();
  refreshRecordings();
  clearInterval(refreshTimer);
  refreshTimer = setInterval(refreshDevices, 3000);
}

function signOut(message) {
  sessionStorage.removeItem(TOKEN_KEY);
  const wasSignedIn = auth.token !== null;
  auth.token = null;
  auth.me = null;
  clearInterval(refreshTimer);
  refreshTimer = null;
  if (wasSignedIn) {
    terminal.detach();
    player.stop();
    $('devices').replaceChildren();
    $('recordings').replaceChildren();
  }
  showLogin(message);
}

function showLogin(message) {
  $('app').hidden = true;
  $('who').hidden = true;
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

// ---- devices ---------------------------------------------------------------------------------

async function listDevices() {
  const testbeds = auth.me && auth.me.testbeds;
  if (!testbeds) return (await getJson('/api/v1/devices?size=200')).items;
  // A testbed-scoped token may not list every device: list its testbeds one by one.
  const pages = await Promise.all(testbeds.map((testbed) =>
    getJson('/api/v1/devices?size=200&testbed=' + enc(testbed))));
  return pages.flatMap((page) => page.items);
}

async function refreshDevices() {
  try {
    const devices = await listDevices();
    const items = await Promise.all(devices.map(async (device) => {
      const sessions = await getJson('/api/v1/devices/' + enc(device.name) + '/sessions').catch(() => []);
      return deviceItem(device, sessions);
    }));
    if (auth.token) $('devices').replaceChildren(...items);
  } catch (e) {
    if (auth.token) $('devices').replaceChildren(el('li', { textContent: 'cannot list devices: ' + e.message }));
  }
}

function deviceItem(device, sessions) {
  const li = el('li', {}, el('strong', { textContent: device.name }), ' ',
    el('small', { textContent: device.os || '' }));
  if (canWrite()) {
    // Opening a session is an operator's action; viewers attach to open ones.
    const open = el('button', { textContent: 'Open terminal', className: 'open-terminal' });
    open.dataset.device = device.name;
    open.onclick = () => terminal.attach(device.name, 'web', true);
    li.append(' ', open);
  }
  li.dataset.device = device.name;
  for (const session of sessions) {
    const attach = el('button', { textContent: 'Attach' });
    attach.onclick = () => terminal.attach(device.name, session.alias, false);
    li.append(el('div', { className: 'session' },
      el('span', { textContent: session.alias }),
      el('span', { className: 'state-' + session.state, textContent: session.state }),
      session.poolSize > 1 ? el('small', { textContent: 'pool' }) : attach));
  }
  return li;
}

// ---- terminal --------------------------------------------------------------------------------

class TerminalView {
  constructor(container) {
    this.container = container;
    this.socket = null;
    this.status = null;
    this.attempt = 0;
    this.encoder = new TextEncoder();
    window.addEventListener('resize', () => this.fit());
  }

  async attach(device, alias, open) {
    this.detach();
    const attempt = this.attempt;
    $('session-name').textContent = device + '/' + alias;
    this.showState('CONNECTING', 'connecting');
    $('notice').textContent = '';
    $('detach').disabled = false;
    // A browser cannot send the Authorization header on a WebSocket, and the token must not travel
    // in a URL: fetch a single-use ticket (valid for seconds) and connect with ?ticket=.
    let ticket;
    try {
      ticket = (await (await api('/api/v1/auth/tickets', { method: 'POST' })).json()).ticket;
    } catch (e) {
      if (attempt !== this.attempt) return;
      this.showState('CLOSED', 'not attached');
      $('notice').textContent = 'cannot attach: ' + e.message;
      return;
    }
    if (attempt !== this.attempt) return;
    this.term = new Terminal({ cursorBlink: true, fontSize: 14, scrollback: 5000 });
    this.fitAddon = new FitAddon.FitAddon();
    this.term.loadAddon(this.fitAddon);
    this.term.open(this.container);
    this.fitAddon.fit();
    this.term.onData((data) => this.send(this.encoder.encode(data)));
    this.term.onResize(() => this.sendResize());
    const query = new URLSearchParams({ ticket });
    if (open) query.set('open', 'true');
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const url = scheme + '://' + location.host + '/ws/v1/devices/' + enc(device) + '/sessions/'
      + enc(alias) + '/terminal?' + query;
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    socket.onmessage = (event) => {
      if (typeof event.data === 'string') this.control(JSON.parse(event.data));
      else this.term.write(new Uint8Array(event.data));
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.showState('CLOSED', 'closed' + (event.reason ? ': ' + event.reason : ''));
      if (!this.status && !$('notice').textContent) {
        // The handshake was refused (401/403: expired ticket, a device outside the token's testbeds)
        $('notice').textContent = 'the terminal connection was refused';
      }
      this.setButtons(false);
    };
    this.socket = socket;
  }

  detach() {
    this.attempt++;
    if (this.socket) {
      const socket = this.socket;
      this.socket = null;
      socket.close();
    }
    if (this.term) this.term.dispose();
    this.term = null;
    this.status = null;
    this.showState('none', 'not attached');
    this.setButtons(false);
    $('detach').disabled = true;
  }

  control(message) {
    if (message.type === 'status') {
      this.status = message;
      this.showState(message.state, message.state);
      const indicator = $('write-indicator');
      if (message.writable) {
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
      $('viewers').textContent = message.viewers + ' viewer(s)';
      this.setButtons(true);
      if (message.writable) this.sendResize();
    } else if (message.type === 'error') {
      $('notice').textContent = message.code + ': ' + message.message;
    }
  }

  setButtons(attached) {
    const writable = attached && this.status && this.status.writable;
    // A VIEWER token cannot take write control: no buttons, a read-only hint instead.
    $('request-write').hidden = !canWrite();
    $('release-write').hidden = !canWrite();
    $('request-write').disabled = !canWrite() || !attached || writable;
    $('release-write').disabled = !writable;
  }

  showState(state, text) {
    $('state').dataset.state = state;
    $('state').textContent = text;
    $('state').className = 'state-' + state;
  }

  sendControl(message) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify(message));
    }
  }

  send(bytes) {
    if (!this.status || !this.status.writable) {
      $('notice').textContent = canWrite() ? 'read-only: request write control to type'
        : 'read-only: your ' + auth.me.role + ' token cannot type';
      return;
    }
    if (this.socket && this.socket.readyState === WebSocket.OPEN) this.socket.send(bytes);
  }

  sendResize() {
    if (this.term && this.status && this.status.writable) {
      this.sendControl({ type: 'resize', cols: this.term.cols, rows: this.term.rows });
    }
  }

  fit() {
    if (this.fitAddon) this.fitAddon.fit();
  }
}

const terminal = new TerminalView($('terminal'));
$('request-write').onclick = () => {
  if (canWrite()) terminal.sendControl({ type: 'request-write' });
};
$('release-write').onclick = () => terminal.sendControl({ type: 'release-write' });
$('detach').onclick = () => terminal.detach();

// ---- recordings ------------------------------------------------------------------------------

async function refreshRecordings() {
  try {
    const page = await getJson('/api/v1/recordings?size=50');
    if (!auth.token) return;
    $('recordings').replaceChildren(...page.items.map((recording) => {
      const play = el('button', { textContent: 'Replay', className: 'replay' });
      play.dataset.id = recording.id;
      play.onclick = () => player.play(recording);
      return el('li', {},
        el('strong', { textContent: recording.device + '/' + recording.alias }), ' ',
        el('small', { textContent: new Date(recording.startedAt).toLocaleString() + ', '
          + (recording.endedAt ? recording.bytes + ' B' : 'live') }), ' ', play);
    }));
  } catch (e) {
    if (auth.token) $('recordings').replaceChildren(el('li', { textContent: 'cannot list recordings: ' + e.message }));
  }
}

/** Replays asciicast v2 events into an xterm.js terminal; pauses longer than 1 s are shortened. */
class Player {
  constructor(container) {
    this.container = container;
    this.run = 0;
  }

  stop() {
    this.run++;
    if (this.term) this.term.dispose();
    this.term = null;
    $('player-title').textContent = 'Player';
    $('player-notice').textContent = '';
    this.setState('idle');
  }

  async play(recording) {
    const run = ++this.run;
    $('player-notice').textContent = '';
    let text;
    try {
      text = await (await api(recording.href, { headers: { Accept: 'application/x-asciicast' } })).text();
    } catch (e) {
      if (run === this.run) $('player-notice').textContent = 'cannot replay: ' + e.message;
      return;
    }
    if (run !== this.run) return;
    const [headerLine, ...lines] = text.split('\n').filter((line) => line.trim());
    const header = JSON.parse(headerLine);
    if (this.term) this.term.dispose();
    this.term = new Terminal({ cols: header.width, rows: header.height, disableStdin: true, fontSize: 12 });
    this.term.open(this.container);
    $('player-title').textContent = 'Replay ' + recording.device + '/' + recording.alias;
    this.setState('playing');
    let previous = 0;
    for (const line of lines) {
      if (run !== this.run) return;
      const [time, code, data] = JSON.parse(line);
      const pause = Math.min(Math.max(time - previous, 0), 1);
      previous = time;
      if (pause > 0.01) await new Promise((resolve) => setTimeout(resolve, pause * 1000));
      if (code === 'o') this.term.write(data);
      else if (code === 'r') {
        const [cols, rows] = data.split('x').map(Number);
        this.term.resize(cols, rows);
      }
    }
    this.term.write('', () => this.setState('done'));
  }

  setState(state) {
    $('player-state').dataset.state = state;
    $('player-state').textContent = state;
  }
}

const player = new Player($('player'));
$('refresh-recordings').onclick = refreshRecordings;

const stored = sessionStorage.getItem(TOKEN_KEY);
if (stored) signIn(stored);
else showLogin('');
