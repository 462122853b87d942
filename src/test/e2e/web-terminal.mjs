// Drives the web console in headless Chromium: sign in with API tokens, open a terminal on a device,
// type `show version`, see the output in a second operator's browser and live in a VIEWER's browser
// (which cannot take write control), replay the recording, save a screenshot. Also checks that the
// token stays out of localStorage and URLs, and that the terminal WebSocket carries a ticket.
// Usage: PATCHBAY_E2E_ADMIN_TOKEN=<admin token> node web-terminal.mjs <base-url> <device> <screenshot.png>
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { chromium } from 'playwright-core';

const [baseUrl, device, screenshot] = process.argv.slice(2);
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
async function waitForText(page, which, text) {
  await page.waitForFunction(([w, t]) => {
    const term = w === 'player' ? player.term : terminal.term;
    if (!term) return false;
    const buffer = term.buffer.active;
    const lines = [];
    for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i).translateToString(true));
    return lines.join('\n').includes(t);
  }, [which, text], { timeout: TIMEOUT });
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

async function signIn(page, token, role) {
  await page.goto(baseUrl + '/');
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
try {
  const operator = await createToken('OPERATOR');
  const viewerToken = await createToken('VIEWER');
  const first = await newPage(browser, 'admin', { width: 1500, height: 850 });
  const second = await newPage(browser, 'operator', { width: 1200, height: 800 });
  const viewer = await newPage(browser, 'viewer', { width: 1200, height: 800 });

  step('a wrong token is refused on the login form');
  await viewer.goto(baseUrl + '/');
  await viewer.fill('#token', 'not-a-token-' + randomUUID());
  await viewer.click('#sign-in');
  await viewer.waitForFunction(() => document.getElementById('login-error').textContent.startsWith('Token refused'));
  assert.ok(await viewer.isHidden('#app'));
  viewer.apiRequests.length = 0;

  step('admin signs in and opens a terminal on ' + device);
  await signIn(first, adminToken, 'ADMIN');
  assert.match(await first.textContent('#who'), /^admin\s*ADMIN$/);
  assert.ok(await first.isHidden('#readonly-hint'));
  await first.click(`button.open-terminal[data-device="${device}"]`);
  await first.waitForSelector('#state[data-state="CONNECTED"]');

  step('an operator signs in in a second browser and attaches to the same session');
  await signIn(second, operator.token, 'OPERATOR');
  await second.click(`li[data-device="${device}"] .session button`);
  await second.waitForSelector('#state[data-state="CONNECTED"]');
  await first.waitForFunction(() => document.getElementById('viewers').textContent.startsWith('2'));

  step('a VIEWER signs in in a third browser: read-only, no write control');
  await signIn(viewer, viewerToken.token, 'VIEWER');
  assert.ok((await viewer.textContent('#who')).startsWith(viewerToken.name));
  await viewer.waitForSelector('#readonly-hint:not([hidden])');
  await viewer.waitForSelector(`li[data-device="${device}"] .session button`);
  assert.equal(await viewer.locator(`button.open-terminal[data-device="${device}"]`).count(), 0,
    'a VIEWER cannot open a session');
  await viewer.click(`li[data-device="${device}"] .session button`);
  await viewer.waitForSelector('#state[data-state="CONNECTED"]');
  await first.waitForFunction(() => document.getElementById('viewers').textContent.startsWith('3'));
  assert.ok(await viewer.isHidden('#request-write'), 'request-write is hidden for a VIEWER');
  assert.ok(await viewer.isDisabled('#request-write'), 'request-write is disabled for a VIEWER');

  step('admin takes write control');
  await first.click('#request-write');
  await first.waitForSelector('#write-indicator[data-mode="writer"]');
  await second.waitForSelector('#write-indicator[data-mode="other"]');
  await viewer.waitForSelector('#write-indicator[data-mode="other"]');

  step('admin types show version');
  await first.click('#terminal');
  await first.keyboard.type('show version');
  await first.keyboard.press('Enter');
  await waitForText(first, 'terminal', EXPECTED);
  step('second viewer received the output');
  await waitForText(second, 'terminal', EXPECTED);
  step('the VIEWER received the output live');
  await waitForText(viewer, 'terminal', EXPECTED);

  step('the VIEWER cannot type');
  await viewer.click('#terminal');
  await viewer.keyboard.type('x');
  await viewer.waitForFunction(() => document.getElementById('notice').textContent.includes('VIEWER token cannot type'));
  assert.ok(await viewer.isHidden('#request-write'), 'request-write stays hidden once attached');
  assert.equal(await first.getAttribute('#write-indicator', 'data-mode'), 'writer', 'the admin keeps write control');

  step('a 403 answer reads as its problem detail');
  const denied = await viewer.evaluate(() => api('/api/v1/audit').then(() => 'allowed', (e) => e.status + ' ' + e.message));
  assert.match(denied, /^403 not allowed: \S/, denied);
  assert.ok(!denied.includes('HTTP'), denied);

  step('the token stays in sessionStorage; WebSockets carry a ticket, API calls the bearer header');
  await assertTokenKeptSafe(first, adminToken);
  await assertTokenKeptSafe(second, operator.token);
  await assertTokenKeptSafe(viewer, viewerToken.token);

  await viewer.screenshot({ path: screenshot.replace(/\.png$/, '') + '-viewer.png' });

  step('the VIEWER reloads the page and stays signed in (this tab), then signs out');
  await viewer.reload();
  await viewer.waitForSelector('#who[data-role="VIEWER"]');
  await first.waitForFunction(() => document.getElementById('viewers').textContent.startsWith('2'));
  await viewer.click('#sign-out');
  await viewer.waitForSelector('#login:not([hidden])');
  assert.ok(await viewer.isHidden('#app'));
  assert.equal(await viewer.evaluate(() => sessionStorage.length + localStorage.length), 0);

  step('a revoked token is signed out at its next API call (401)');
  await signIn(viewer, viewerToken.token, 'VIEWER');
  const revoked = await fetch(baseUrl + '/api/v1/tokens/' + viewerToken.id,
    { method: 'DELETE', headers: { Authorization: 'Bearer ' + adminToken } });
  assert.equal(revoked.status, 200);
  await viewer.waitForSelector('#login:not([hidden])', { timeout: 10000 });
  assert.match(await viewer.textContent('#login-error'), /^Signed out: .*revoked/);
  assert.equal(await viewer.evaluate(() => sessionStorage.length), 0);

  step('a testbed-scoped VIEWER lists its testbeds\' devices and reads why recordings are refused (403)');
  const scoped = await createToken('VIEWER', ['e2e-elsewhere']);
  await signIn(viewer, scoped.token, 'VIEWER');
  await viewer.waitForFunction(() => document.getElementById('recordings').textContent
    .startsWith('cannot list recordings: not allowed: needs role OPERATOR'));
  await viewer.evaluate(() => refreshDevices());
  assert.equal(await viewer.textContent('#devices'), '', 'no device of the test in testbed e2e-elsewhere');

  step('replay the recording');
  await first.click('#refresh-recordings');
  await first.waitForSelector('#recordings button.replay');
  // This device's recording: the test context is shared, so other tests' sessions are listed too.
  await first.locator('#recordings li', { hasText: device + '/' }).first().locator('button.replay').click();
  await first.waitForSelector('#player-state[data-state="done"]', { timeout: 60000 });
  await waitForText(first, 'player', EXPECTED);

  for (const page of [first, second, viewer]) assert.deepEqual(page.cspViolations, []);

  step('screenshot ' + screenshot);
  await first.screenshot({ path: screenshot });
  console.log('e2e: ok');
} finally {
  await browser.close();
}
