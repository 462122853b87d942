// Copies the web console's front-end libraries from node_modules (npm ci) to static/vendor, the
// source map comment removed (the maps are not shipped). With --check, fails when a vendored file
// differs from its npm package instead (run by WebConsoleE2eTest, so the copies cannot drift).
// Usage: npm ci --ignore-scripts && node vendor.mjs [--check]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const vendor = join(here, '../resources/static/vendor');
const files = [
  ['@xterm/xterm/lib/xterm.js', 'xterm/xterm.js'],
  ['@xterm/xterm/css/xterm.css', 'xterm/xterm.css'],
  ['@xterm/xterm/LICENSE', 'xterm/LICENSE'],
  ['@xterm/addon-fit/lib/addon-fit.js', 'xterm-addon-fit/addon-fit.js'],
  ['@xterm/addon-fit/LICENSE', 'xterm-addon-fit/LICENSE'],
  ['asciinema-player/dist/bundle/asciinema-player.min.js', 'asciinema-player/asciinema-player.min.js'],
  ['asciinema-player/dist/bundle/asciinema-player.css', 'asciinema-player/asciinema-player.css'],
  ['asciinema-player/LICENSE', 'asciinema-player/LICENSE'],
];
const check = process.argv.includes('--check');
const stale = [];
for (const [from, to] of files) {
  let content = readFileSync(join(here, 'node_modules', from));
  if (from.endsWith('.js')) {
    const lines = content.toString('utf8').split('\n');
    const kept = lines.filter((line) => !line.includes('sourceMappingURL'));
    if (kept.length < lines.length) content = Buffer.from(kept.join('\n') + (kept.at(-1) === '' ? '' : '\n'));
  }
  const target = join(vendor, to);
  if (check) {
    let current = null;
    try {
      current = readFileSync(target);
    } catch (e) {
      // missing: stale
    }
    if (!current || !current.equals(content)) stale.push(to);
  } else {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}
if (stale.length) {
  console.error('vendored files differ from package-lock.json\'s npm packages: ' + stale.join(', ')
    + ' (run: npm ci --ignore-scripts && node vendor.mjs)');
  process.exit(1);
}
console.log(check ? 'vendor: up to date' : 'vendor: copied ' + files.length + ' files');
