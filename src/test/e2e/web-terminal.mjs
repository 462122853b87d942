// Drives the web console in headless Chromium: open a terminal on a device, type `show version`,
// see the output in a second viewer, replay the recording, save a screenshot.
// Usage: node web-terminal.mjs <base-url> <device> <screenshot.png>
import { chromium } from 'playwright-core';

const [baseUrl, device, screenshot] = process.argv.slice(2);
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const TIMEOUT = 20000;
const EXPECTED = 'Cisco IOS XE Software, Version 17.09.04a';

function step(text) {
  console.log('step: ' + text);
}

// Text of an xterm.js buffer (the live terminal or the player), read inside the page.
function bufferText(which) {
  const term = which === 'player' ? player.term : terminal.term;
  if (!term) return '';
  const buffer = term.buffer.active;
  const lines = [];
  for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i).translateToString(true));
  return lines.join('\n');
}

async function waitForText(page, which, text) {
  await page.waitForFunction(
    ([fn, w, t]) => new Function('return (' + fn + ')')()(w).includes(t),
    [bufferText.toString(), which, text],
    { timeout: TIMEOUT });
}

const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const first = await (await browser.newContext({ viewport: { width: 1500, height: 850 } })).newPage();
  const second = await (await browser.newContext({ viewport: { width: 1200, height: 800 } })).newPage();
  for (const page of [first, second]) {
    page.setDefaultTimeout(TIMEOUT);
    page.on('pageerror', (error) => console.log('page error: ' + error.message));
  }

  step('first viewer opens a terminal on ' + device);
  await first.goto(baseUrl + '/');
  await first.fill('#user', 'alice');
  await first.click(`button.open-terminal[data-device="${device}"]`);
  await first.waitForSelector('#state[data-state="CONNECTED"]');

  step('second viewer attaches to the same session');
  await second.goto(baseUrl + '/');
  await second.fill('#user', 'bob');
  await second.click(`li[data-device="${device}"] .session button`);
  await second.waitForSelector('#state[data-state="CONNECTED"]');
  await first.waitForFunction(() => document.getElementById('viewers').textContent.startsWith('2'));

  step('first viewer takes write control');
  await first.click('#request-write');
  await first.waitForSelector('#write-indicator[data-mode="writer"]');
  await second.waitForSelector('#write-indicator[data-mode="other"]');

  step('first viewer types show version');
  await first.click('#terminal');
  await first.keyboard.type('show version');
  await first.keyboard.press('Enter');
  await waitForText(first, 'terminal', EXPECTED);
  step('second viewer received the output');
  await waitForText(second, 'terminal', EXPECTED);

  step('replay the recording');
  await first.click('#refresh-recordings');
  await first.waitForSelector('#recordings button.replay');
  await first.click('#recordings li:first-child button.replay');
  await first.waitForSelector('#player-state[data-state="done"]', { timeout: 60000 });
  await waitForText(first, 'player', EXPECTED);

  step('screenshot ' + screenshot);
  await first.screenshot({ path: screenshot });
  console.log('e2e: ok');
} finally {
  await browser.close();
}
