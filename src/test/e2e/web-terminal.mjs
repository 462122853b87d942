// Drives the web console in headless Chromium: open a terminal by deep link and see the prompt without
// a key press, type as the opener, read >= 100 columns at 1280x800, paste 20 KB whole, see the output
// in a second operator's browser (attached from the sessions view) and live in a VIEWER's browser
// (which cannot take write control), hand write control over, reconnect after the WebSocket drops and
// re-attach after a reload, search devices with one list call, play, seek and download the recording,
// and save a screenshot of each view. Also checks that the token stays out of localStorage and URLs,
// and that the terminal WebSocket carries a ticket.
// Usage: PATCHBAY_E2E_ADMIN_TOKEN=<admin token> node web-terminal.mjs <base-url> <device> <screenshot-dir> <device-to-lease>
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { chromium } from 'playwright-core';

const [baseUrl, device, screenshots, leased] = process.argv.slice(2);
const adminToken = process.env.PATCHBAY_E2E_ADMIN_TOKEN;
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const TIMEOUT = 20000;
const EXPECTED = 'Cisco IOS XE Software, Version 17.09.04a';
assert.ok(adminToken, 'PATCHBAY_E2E_ADMIN_TOKEN is not set');

function step(text) {
  console.log('step: ' + text);
}

// Waits until an xterm.js buffer (the live terminal or the player) shows text. The predicate runs
// in the page as it is: no eval/new Function there, which the page's CSP (script-src 'self') refuses.
// Wrapped rows are joined without a line break, so a long line reads as one.
async function waitForText(page, text, timeout = TIMEOUT) {
  await page.waitForFunction((t) => {
    const term = terminal.term;
    if (!term) return false;
    const buffer = term.buffer.active;
    let all = '';
    for (let i = 0; i < buffer.length; i++) {
      const line = buffer.getLine(i);
      all += (line.isWrapped ? '' : '\n') + line.translateToString(true);
    }
    return all.includes(t);
  }, text, { timeout });
}

/** Creates an API token with the admin token, as an admin would with curl. */
async function createToken(role, testbeds) {
  const name = 'e2e-' + role.toLowerCase() + '-' + randomUUID().slice(0, 8);
  const response = await fetch(baseUrl + '/api/v1/tokens', {
    method: 'POST',
    headers: { Authorization: 'Bearer ' + adminToken, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, role, testbeds }),
  });
  assert.equal(response.status, 201, 'POST /api/v1/tokens: ' + await response.clone().text());
  const body = await response.json();
  assert.equal(body.role, role);
  return { id: body.id, name, token: body.token };
}

/** A browser context that records its WebSocket URLs and API requests, and logs page problems. */
async function newPage(browser, label, viewport) {
  const page = await (await browser.newContext({ viewport })).newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.sockets = [];
  page.apiRequests = [];
  page.cspViolations = [];
  // The page's Content-Security-Policy must allow everything it does (the ws:// connection too).
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) =>
    console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI)));
  page.on('pageerror', (error) => console.log(label + ' page error: ' + error.message));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    console.log(label + ' console error: ' + message.text());
    if (/CSP violation|Content Security Policy/.test(message.text())) page.cspViolations.push(message.text());
  });
  page.on('websocket', (socket) => page.sockets.push(socket.url()));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) page.apiRequests.push([url.pathname, request.headers().authorization]);
  });
  return page;
}

async function signIn(page, token, role, hash = '') {
  await page.goto(baseUrl + '/' + hash);
  await page.waitForSelector('#login:not([hidden])');
  assert.ok(await page.isHidden('#app'), 'the console stays hidden until signed in');
  await page.fill('#token', token);
  await page.click('#sign-in');
  await page.waitForSelector('#app:not([hidden])');
  await page.waitForSelector(`#who[data-role="${role}"]`);
}

/** The token is in sessionStorage only, never in localStorage, a URL or a WebSocket URL. */
async function assertTokenKeptSafe(page, token) {
  const storage = await page.evaluate(() => ({
    local: Object.keys(localStorage).map((key) => key + '=' + localStorage.getItem(key)),
    session: Object.keys(sessionStorage).map((key) => sessionStorage.getItem(key)),
    href: location.href,
  }));
  assert.deepEqual(storage.local, [], 'localStorage is empty');
  assert.ok(storage.session.includes(token), 'the token is in sessionStorage');
  assert.ok(!storage.href.includes(token), 'the token is not in the page URL');
  assert.ok(page.sockets.length > 0, 'a terminal WebSocket was opened');
  for (const url of page.sockets) {
    const query = new URL(url).searchParams;
    assert.ok(query.get('ticket'), 'the WebSocket URL carries a ticket: ' + url);
    assert.notEqual(query.get('ticket'), token);
    assert.ok(!url.includes(token), 'the token is not in the WebSocket URL');
    assert.ok(!query.has('user'), 'no client-declared viewer name: ' + url);
  }
  assert.ok(page.apiRequests.length > 0);
  for (const [path, authorization] of page.apiRequests) {
    assert.equal(authorization, 'Bearer ' + token, path + ' sends the bearer token');
    assert.ok(!path.includes(token));
  }
}


const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const shot = (page, name) => page.screenshot({ path: screenshots + '/console-' + name + '.png' });
const deepLink = '#/devices/' + device + '/sessions/web';
try {
  const operator = await createToken('OPERATOR');
  const viewerToken = await createToken('VIEWER');
  const first = await newPage(browser, 'admin', { width: 1280, height: 800 });
  const second = await newPage(browser, 'operator', { width: 1280, height: 800 });
  const viewer = await newPage(browser, 'viewer', { width: 1200, height: 800 });

  step('a wrong token is refused on the login form');
  await viewer.goto(baseUrl + '/');
  await viewer.fill('#token', 'not-a-token-' + randomUUID());
  await viewer.click('#sign-in');
  await viewer.waitForFunction(() => document.getElementById('login-error').textContent.startsWith('Token refused'));
  assert.ok(await viewer.isHidden('#app'));
  viewer.apiRequests.length = 0;

  step('admin opens ' + deepLink + ' at 1280x800 and sees the prompt without pressing a key');
  await signIn(first, adminToken, 'ADMIN', deepLink);
  assert.match(await first.textContent('#who'), /^admin\s*ADMIN$/);
  await first.waitForSelector('#state[data-state="CONNECTED"]');
  await waitForText(first, 'r1#');
  step('the opener holds write control at once');
  await first.waitForSelector('#write-indicator[data-mode="writer"]');
  const cols = await first.evaluate(() => terminal.term.cols);
  step('the terminal is ' + cols + ' columns wide');
  assert.ok(cols >= 100, 'at least 100 columns at 1280 px, got ' + cols);

  step('admin types show version');
  await first.click('#terminal');
  await first.keyboard.type('show version');
  await first.keyboard.press('Enter');
  await waitForText(first, EXPECTED);
  await shot(first, 'terminal');

  step('devices: a search is one list call with the API filters (and one for leases), no call per device');
  const lease = await fetch(baseUrl + '/api/v1/leases', {
    method: 'POST',
    headers: { Authorization: 'Bearer ' + adminToken, 'Content-Type': 'application/json' },
    body: JSON.stringify({ devices: [leased], holder: 'e2e-ci', ttlSeconds: 600, reason: 'e2e' }),
  });
  assert.equal(lease.status, 201, 'POST /api/v1/leases: ' + await lease.clone().text());
  await first.goto(baseUrl + '/#/devices');
  await first.waitForSelector(`tr[data-device="${device}"]`);
  first.apiRequests.length = 0;
  await first.fill('#f-name', device.slice(0, -2));
  await first.fill('#f-os', 'iosxe');
  await first.click('#device-search button[type="submit"]');
  await first.waitForFunction((d) => document.querySelectorAll('#devices tr[data-device]').length === 1
    && document.querySelector('#devices tr[data-device]').dataset.device === d, device);
  assert.deepEqual(first.apiRequests.map(([path]) => path).sort(), ['/api/v1/devices', '/api/v1/leases'],
    'one device list call and one for the leases');
  await first.fill('#f-name', '');
  await first.fill('#f-os', '');
  await first.click('#device-search button[type="submit"]');
  await first.waitForFunction(() => document.querySelectorAll('#devices tr[data-device]').length > 1);
  assert.match(await first.textContent(`tr[data-device="${leased}"] td.leased`), /^e2e-ci until /);
  assert.equal(await first.textContent(`tr[data-device="${device}"] td:nth-child(5)`), 'free');
  await shot(first, 'devices');

  step('admin browsed away and back: the terminal stayed attached, still the writer');
  await first.goto(baseUrl + '/' + deepLink);
  await first.waitForSelector('#state[data-state="CONNECTED"]');
  await first.waitForSelector('#write-indicator[data-mode="writer"]');
  await waitForText(first, EXPECTED);

  step('an operator signs in, finds the session in the sessions view and attaches');
  await signIn(second, operator.token, 'OPERATOR', '#/sessions');
  const row = second.locator(`#sessions tr[data-session="${device}/web"]`);
  await row.waitFor();
  assert.match(await row.textContent(), /CONNECTED/);
  assert.equal(await row.locator('td.writer').textContent(), 'admin', 'the sessions view names the writer');
  assert.equal(await row.locator('td.viewers').textContent(), 'admin', 'and the viewers');
  await row.locator('a.attach').click();
  await second.waitForSelector('#state[data-state="CONNECTED"]');
  assert.equal(new URL(second.url()).hash, deepLink, 'the attached terminal has the session\'s URL');
  await second.waitForSelector('#write-indicator[data-mode="other"]');
  await waitForText(second, EXPECTED);
  await first.waitForFunction((name) => document.getElementById('viewers').textContent
    .startsWith('2 viewer(s): admin, ' + name), operator.name);

  step('a VIEWER opens the link in a third browser: read-only, no write control');
  await signIn(viewer, viewerToken.token, 'VIEWER', deepLink);
  assert.ok((await viewer.textContent('#who')).startsWith(viewerToken.name));
  await viewer.waitForSelector('#readonly-hint:not([hidden])');
  await viewer.waitForSelector('#state[data-state="CONNECTED"]');
  await waitForText(viewer, EXPECTED);
  await first.waitForFunction(() => document.getElementById('viewers').textContent.startsWith('3'));
  assert.ok(await viewer.isHidden('#request-write'), 'request-write is hidden for a VIEWER');
  assert.ok(await viewer.isDisabled('#request-write'), 'request-write is disabled for a VIEWER');

  step('admin pastes 20 KB in one go: split into frames, paced, echoed whole');
  const pasted = Array.from({ length: 1000 }, (_, i) => String(i % 10).repeat(19) + 'x').join('');
  assert.equal(pasted.length, 20000);
  await first.evaluate((text) => terminal.term.paste(text), pasted);
  await waitForText(first, 'r1#' + pasted, 30000).catch(async (e) => {
    console.log('paste debug: ' + JSON.stringify(await first.evaluate(() => {
      const buffer = terminal.term.buffer.active;
      let all = '';
      for (let i = 0; i < buffer.length; i++) {
        const line = buffer.getLine(i);
        all += (line.isWrapped ? '' : '\n') + line.translateToString(true);
      }
      return [document.getElementById('notice').textContent, all.length, all.slice(0, 300), all.slice(-300), terminal.pending.length];
    })));
    throw e;
  });
  await waitForText(viewer, pasted, 30000);
  assert.equal(await first.textContent('#notice'), '', 'no input refused');
  await first.click('#terminal');
  await first.keyboard.press('Control+C');
  await waitForText(first, 'x^C');

  step('the VIEWER cannot type');
  await viewer.click('#terminal');
  await viewer.keyboard.type('x');
  await viewer.waitForFunction(() => document.getElementById('notice').textContent.includes('VIEWER token cannot type'));

  step('the sessions view names every viewer; sessions opened and closed elsewhere arrive without a reload');
  await first.evaluate(() => { location.hash = '#/sessions'; });
  const adminRow = first.locator(`#sessions tr[data-session="${device}/web"]`);
  await first.waitForFunction(([d, names]) => {
    const cell = document.querySelector(`#sessions tr[data-session="${d}/web"] td.viewers`);
    return cell && names.every((name) => cell.textContent.split(', ').includes(name));
  }, [device, ['admin', operator.name, viewerToken.name]]);
  assert.equal(await adminRow.locator('td.writer').textContent(), 'admin');
  await first.waitForSelector('#live[data-state="live"]');
  first.apiRequests.length = 0;
  const rest = await fetch(baseUrl + '/api/v1/devices/' + device + '/sessions', {
    method: 'POST',
    headers: { Authorization: 'Bearer ' + operator.token, 'Content-Type': 'application/json' },
    body: JSON.stringify({ alias: 'rest' }),
  });
  assert.equal(rest.status, 201, 'POST a REST session: ' + await rest.clone().text());
  const restRow = first.locator(`#sessions tr[data-session="${device}/rest"]`);
  await restRow.waitFor();
  assert.match(await restRow.textContent(), new RegExp('CONNECTED.*' + operator.name));
  await shot(first, 'sessions');
  const closedRest = await fetch(baseUrl + '/api/v1/devices/' + device + '/sessions/rest',
    { method: 'DELETE', headers: { Authorization: 'Bearer ' + operator.token } });
  assert.equal(closedRest.status, 204);
  await restRow.waitFor({ state: 'detached' });
  assert.deepEqual(first.apiRequests, [], 'the updates were pushed: the page made no request');
  await first.evaluate((hash) => { location.hash = hash; }, deepLink);
  await first.waitForSelector('#write-indicator[data-mode="writer"]');

  step('write handoff: refused while held, granted after a release');
  await second.click('#request-write');
  await second.waitForFunction(() => document.getElementById('notice').textContent.startsWith('write-refused'));
  await first.click('#release-write');
  await second.waitForSelector('#write-indicator[data-mode="none"]');
  assert.equal(await second.textContent('#notice'), '', 'the old notice is cleared by the new state');
  await second.click('#request-write');
  await second.waitForSelector('#write-indicator[data-mode="writer"]');
  await first.waitForSelector('#write-indicator[data-mode="other"]');

  step('an ADMIN forces write control back: the operator is told and the force is audited');
  assert.ok(await second.isHidden('#take-write'), 'an OPERATOR has no take-write button');
  await first.click('#take-write');
  await first.waitForSelector('#write-indicator[data-mode="writer"]');
  await second.waitForSelector('#write-indicator[data-mode="other"]');
  await second.waitForFunction(() => document.getElementById('notice').textContent.startsWith('write-taken'));
  // the audit trail is written in batches: the event lands within moments of the force
  let audit = { items: [] };
  for (let attempt = 0; attempt < 100 && audit.items.length === 0; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 100));
    audit = await (await fetch(baseUrl + '/api/v1/audit?action=terminal.write-force&device=' + device,
      { headers: { Authorization: 'Bearer ' + adminToken } })).json();
  }
  assert.equal(audit.items.length, 1, 'one terminal.write-force event: ' + JSON.stringify(audit.items));
  assert.equal(audit.items[0].actor, 'admin');
  assert.match(audit.items[0].detail, new RegExp('took write control from viewer v\\d+ \\(' + operator.name + '\\)'));

  step('the Paste button sends 10 KB from the clipboard whole; Copy copies the selection');
  await first.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
  const clip = Array.from({ length: 500 }, (_, i) => String.fromCharCode(97 + i % 26).repeat(19) + 'y').join('');
  assert.equal(clip.length, 10000);
  await first.evaluate((text) => navigator.clipboard.writeText(text), clip);
  await first.click('#paste');
  await waitForText(first, 'r1#' + clip, 30000);
  assert.equal(await first.textContent('#notice'), '', 'no input refused');
  await first.click('#terminal');
  await first.keyboard.press('Control+C');
  await waitForText(first, 'y^C');
  await first.evaluate(() => terminal.term.selectAll());
  await first.click('#copy');
  const copied = await first.evaluate(() => navigator.clipboard.readText());
  assert.ok(copied.includes(EXPECTED) && copied.includes(clip), 'the copied selection holds the screen');

  step('the WebSocket drops: the terminal says so and reconnects by itself');
  await first.evaluate(() => terminal.socket.close(4001, 'test drop'));
  await first.waitForSelector('#state[data-state="DISCONNECTED"]');
  assert.match(await first.textContent('#state'), /disconnected: connection lost.*reconnecting in 1 s/);
  assert.ok(await first.isVisible('#reconnect'), 'a reconnect button while disconnected');
  await first.waitForSelector('#state[data-state="CONNECTED"]', { timeout: 10000 });
  await waitForText(first, EXPECTED);
  await first.click('#terminal');
  await first.keyboard.type('show clock');
  await first.keyboard.press('Enter');
  await waitForText(second, 'show clock');

  step('the token stays in sessionStorage; WebSockets carry a ticket, API calls the bearer header');
  await assertTokenKeptSafe(first, adminToken);
  await assertTokenKeptSafe(second, operator.token);
  await assertTokenKeptSafe(viewer, viewerToken.token);

  step('the VIEWER reloads the page: still signed in (this tab) and re-attached');
  await viewer.reload();
  await viewer.waitForSelector('#who[data-role="VIEWER"]');
  await viewer.waitForSelector('#state[data-state="CONNECTED"]');
  await waitForText(viewer, 'show clock');
  await viewer.click('#sign-out');
  await viewer.waitForSelector('#login:not([hidden])');
  assert.ok(await viewer.isHidden('#app'));
  assert.equal(await viewer.evaluate(() => sessionStorage.length + localStorage.length), 0);
  await first.waitForFunction(() => document.getElementById('viewers').textContent.startsWith('2'));

  step('a revoked token is signed out at its next API call (401)');
  await signIn(viewer, viewerToken.token, 'VIEWER', '#/devices');
  const revoked = await fetch(baseUrl + '/api/v1/tokens/' + viewerToken.id,
    { method: 'DELETE', headers: { Authorization: 'Bearer ' + adminToken } });
  assert.equal(revoked.status, 200);
  await viewer.click('#device-search button[type="submit"]');
  await viewer.waitForSelector('#login:not([hidden])', { timeout: 10000 });
  assert.match(await viewer.textContent('#login-error'), /^Signed out: .*revoked/);
  assert.equal(await viewer.evaluate(() => sessionStorage.length), 0);

  step('a testbed-scoped VIEWER lists its testbeds\' devices and reads why recordings are refused (403)');
  const scoped = await createToken('VIEWER', ['e2e-elsewhere']);
  await signIn(viewer, scoped.token, 'VIEWER', '#/devices');
  await viewer.waitForSelector('#devices p.empty');
  assert.equal(await viewer.inputValue('#f-testbed'), 'e2e-elsewhere');
  await viewer.goto(baseUrl + '/#/recordings');
  await viewer.waitForFunction(() => document.getElementById('recordings').textContent
    .startsWith('cannot list recordings: not allowed: needs role OPERATOR'));

  step('the session closes when its last viewer leaves; the jobs view lists jobs');
  await second.click('#detach');
  await second.waitForFunction(() => location.hash === '#/sessions');
  await second.goto(baseUrl + '/#/jobs');
  await second.waitForSelector('#jobs td');
  await shot(second, 'jobs');
  step('End closes the session for everyone: the terminal says who closed it and why');
  first.once('dialog', (dialog) => dialog.accept());
  await first.click('#end-session');
  await first.waitForSelector('#state[data-state="CLOSED"]');
  assert.equal(await first.textContent('#state'), 'closed: closed by request (by admin)');
  assert.ok(await first.isVisible('#reconnect'), 'a closed session offers Reconnect');
  await first.click('#detach');
  await first.waitForFunction(() => location.hash === '#/sessions');

  step('play, seek and download the recording');
  // The recording is listed as ended once the session has closed (last viewer gone).
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const page = await (await fetch(baseUrl + '/api/v1/recordings?device=' + device,
      { headers: { Authorization: 'Bearer ' + adminToken } })).json();
    if (page.items.some((r) => r.alias === 'web' && r.endedAt)) break;
    assert.ok(Date.now() < deadline, 'the recording ends: ' + JSON.stringify(page.items));
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await first.goto(baseUrl + '/#/recordings');
  const recording = first.locator(`#recordings tr:has-text("${device}/web")`).first();
  await recording.locator('a.replay').waitFor();
  await shot(first, 'recordings');
  await recording.locator('a.replay').click();
  await first.waitForSelector('#player-state[data-state="ready"]');
  await first.waitForFunction(() => player.widget.getDuration() > 0);
  step('the recording says who typed: a marker at each write handoff');
  const markers = await first.locator('#player-markers li').allTextContents();
  assert.ok(markers.some((m) => m.endsWith('write: admin')), 'markers: ' + markers);
  assert.ok(markers.some((m) => m.endsWith('write: ' + operator.name)), 'markers: ' + markers);
  assert.ok(markers.some((m) => m.endsWith('write forced: admin (took it from ' + operator.name + ')')),
    'markers: ' + markers);
  await first.evaluate(() => player.widget.play());
  await first.waitForSelector('#player-state[data-state="playing"]');
  await first.evaluate(() => player.widget.pause());
  await first.waitForSelector('#player-state[data-state="paused"]');
  // The last screen shows the last command typed; the start of the recording does not.
  await first.evaluate(() => player.widget.seek('100%'));
  await first.waitForFunction(() => document.getElementById('player').textContent.includes('show clock'))
    .catch(async (e) => {
      console.log('player debug: ' + await first.evaluate(() => document.getElementById('player').innerHTML.slice(0, 3000)));
      throw e;
    });
  const at = await first.evaluate(() => [player.widget.getCurrentTime(), player.widget.getDuration()]);
  assert.ok(at[0] > 0 && at[0] >= at[1] - 0.5, 'seeked to the end: ' + at);
  await first.evaluate(() => player.widget.seek(0));
  await first.waitForFunction(() => !document.getElementById('player').textContent.includes('show clock'));
  await first.selectOption('#player-speed', '2');
  await first.waitForSelector('#player-state[data-state="ready"]');
  await first.evaluate(() => player.widget.seek('100%'));
  await first.waitForFunction(() => document.getElementById('player').textContent.includes('show clock'));
  await shot(first, 'player');
  const [download] = await Promise.all([first.waitForEvent('download'), first.click('#download')]);
  const cast = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString());
  assert.match(download.suggestedFilename(), /\.cast$/);
  const resize = cast.split('\n').slice(1).filter((line) => line.includes('"r"')).map((line) => JSON.parse(line)[2]);
  step('the device was told the window size: ' + resize.join(', '));
  assert.ok(resize.some((size) => Number(size.split('x')[0]) >= 100), 'a resize of >= 100 columns: ' + resize);
  assert.ok(resize.length <= 8, 'the size is sent when it changes or a viewer starts writing: ' + resize);
  assert.ok(cast.includes(pasted.slice(0, 2000)), 'the recording holds the paste');

  for (const page of [first, second, viewer]) assert.deepEqual(page.cspViolations, []);
  console.log('e2e: ok');
} finally {
  await browser.close();
}
