// The console with thousands of devices in headless Chromium: signs in on #/devices, then measures
// the devices view (first page, next page, a name search) and the sessions view: API requests made
// and the time until the rows are on screen. A page costs one device list call and one leases call,
// and renders one page of rows, whatever the inventory's size.
// Usage: PATCHBAY_E2E_ADMIN_TOKEN=<admin token> node console-scale.mjs <base-url> <device-count> <device-with-sessions> <screenshot-dir>
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const [baseUrl, deviceCount, sessionDevice, screenshots] = process.argv.slice(2);
const adminToken = process.env.PATCHBAY_E2E_ADMIN_TOKEN;
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
assert.ok(adminToken, 'PATCHBAY_E2E_ADMIN_TOKEN is not set');

const browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  page.setDefaultTimeout(60000);
  const requests = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) requests.push(url.pathname);
  });
  page.on('pageerror', (error) => console.log('page error: ' + error.message));

  /**
   * Runs an action and waits for its result: [total ms, API paths requested, ms from the last API
   * response's end to the rows on screen (the page's own work: parse, build, lay out)].
   */
  async function measure(action, done) {
    requests.length = 0;
    const pageStart = await page.evaluate(() => performance.now());
    const start = performance.now();
    await action();
    await done();
    const total = Math.round(performance.now() - start);
    const render = await page.evaluate((since) => {
      const ends = performance.getEntriesByType('resource')
        .filter((e) => e.startTime >= since && new URL(e.name).pathname.startsWith('/api/')
          && !e.name.includes('/api/v1/events'))
        .map((e) => e.responseEnd);
      return Math.round(performance.now() - (ends.length ? Math.max(...ends) : since));
    }, pageStart);
    return [total, [...requests].sort(), render];
  }

  const figures = {};
  await page.goto(baseUrl + '/#/devices');
  await page.fill('#token', adminToken);
  [figures.signInToFirstPageMs, figures.signInRequests, figures.signInRenderMs] = await measure(
    () => page.click('#sign-in'),
    () => page.waitForSelector(`#devices tr[data-device="${sessionDevice}"] td.sessions a`));
  assert.match(await page.textContent('#device-count'), new RegExp('^' + deviceCount + ' device'));
  const rows = await page.locator('#devices tr[data-device]').count();
  assert.ok(rows <= 50, 'one page of rows, not ' + rows);
  assert.match(await page.textContent(`#devices tr[data-device="${sessionDevice}"] td.sessions`), /one connected.*two connected/);
  await page.waitForSelector('#live[data-state="live"]');
  await page.screenshot({ path: screenshots + '/console-devices-5000.png' });

  [figures.nextPageMs, figures.nextPageRequests, figures.nextPageRenderMs] = await measure(
    () => page.click('#devices-next'),
    () => page.waitForFunction(() => document.getElementById('device-count').textContent.includes('page 2 of')
      && !document.querySelector('#devices tr[data-device^="aaa-"]')));
  assert.deepEqual(figures.nextPageRequests, ['/api/v1/devices', '/api/v1/leases']);

  await page.fill('#f-name', 'scale-3-r0999');
  [figures.searchMs, figures.searchRequests, figures.searchRenderMs] = await measure(
    () => page.click('#device-search button[type="submit"]'),
    () => page.waitForFunction(() => document.querySelectorAll('#devices tr[data-device]').length === 1));
  assert.deepEqual(figures.searchRequests, ['/api/v1/devices', '/api/v1/leases']);

  [figures.sessionsViewMs, figures.sessionsViewRequests, figures.sessionsViewRenderMs] = await measure(
    () => page.evaluate(() => { location.hash = '#/sessions'; }),
    () => page.waitForSelector(`#sessions tr[data-session="${sessionDevice}/two"]`));
  assert.ok(figures.sessionsViewRequests.length <= 1, 'the sessions view: ' + figures.sessionsViewRequests);

  assert.ok(figures.signInRequests.filter((path) => path === '/api/v1/devices').length === 1,
    'one device list call: ' + figures.signInRequests);
  assert.ok(figures.signInRequests.length <= 6, 'sign-in and first page: ' + figures.signInRequests);
  console.log('figures: ' + JSON.stringify(figures));
  console.log('scale: ok');
} finally {
  await browser.close();
}
