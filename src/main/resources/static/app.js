'use strict';
// Patchbay web console: devices with live session states, a terminal over the WebSocket protocol of
// docs/terminal-protocol.md, and a player for asciicast v2 recordings.

const enc = encodeURIComponent;
const $ = (id) => document.getElementById(id);

async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(path + ': HTTP ' + response.status);
  return response.json();
}

function el(tag, props, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

// ---- devices ---------------------------------------------------------------------------------

async function refreshDevices() {
  try {
    const page = await getJson('/api/v1/devices?size=200');
    const items = await Promise.all(page.items.map(async (device) => {
      const sessions = await getJson('/api/v1/devices/' + enc(device.name) + '/sessions').catch(() => []);
      return deviceItem(device, sessions);
    }));
    $('devices').replaceChildren(...items);
  } catch (e) {
    $('devices').replaceChildren(el('li', { textContent: 'cannot list devices: ' + e.message }));
  }
}

function deviceItem(device, sessions) {
  const open = el('button', { textContent: 'Open terminal', className: 'open-terminal' });
  open.dataset.device = device.name;
  open.onclick = () => terminal.attach(device.name, 'web', true);
  const li = el('li', {}, el('strong', { textContent: device.name }), ' ',
    el('small', { textContent: device.os || '' }), ' ', open);
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
    this.encoder = new TextEncoder();
    window.addEventListener('resize', () => this.fit());
  }

  attach(device, alias, open) {
    this.detach();
    this.term = new Terminal({ cursorBlink: true, fontSize: 14, scrollback: 5000 });
    this.fitAddon = new FitAddon.FitAddon();
    this.term.loadAddon(this.fitAddon);
    this.term.open(this.container);
    this.fitAddon.fit();
    this.term.onData((data) => this.send(this.encoder.encode(data)));
    this.term.onResize(() => this.sendResize());
    const query = new URLSearchParams({ user: $('user').value || 'web' });
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
      this.setButtons(false);
    };
    this.socket = socket;
    $('session-name').textContent = device + '/' + alias;
    this.showState('CONNECTING', 'connecting');
    $('notice').textContent = '';
    $('detach').disabled = false;
  }

  detach() {
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
    $('request-write').disabled = !attached || writable;
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
      $('notice').textContent = 'read-only: request write control to type';
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
$('request-write').onclick = () => terminal.sendControl({ type: 'request-write' });
$('release-write').onclick = () => terminal.sendControl({ type: 'release-write' });
$('detach').onclick = () => terminal.detach();

// ---- recordings ------------------------------------------------------------------------------

async function refreshRecordings() {
  try {
    const page = await getJson('/api/v1/recordings?size=50');
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
    $('recordings').replaceChildren(el('li', { textContent: 'cannot list recordings: ' + e.message }));
  }
}

/** Replays asciicast v2 events into an xterm.js terminal; pauses longer than 1 s are shortened. */
class Player {
  constructor(container) {
    this.container = container;
    this.run = 0;
  }

  async play(recording) {
    const run = ++this.run;
    const text = await fetch(recording.href).then((r) => r.text());
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

refreshDevices();
refreshRecordings();
setInterval(refreshDevices, 3000);
