// Shared by the browser tests: "ok N - what" lines like the shell tests,
// axe-core on every page, a screenshot of every page under SHOTS, and the
// HTML each page was served with under HTMLDIR (test_flow.sh gives them to
// the Nu HTML checker).
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
export const BASE = process.env.BASE;
export const SHOTS = process.env.SHOTS || 'build/screenshots';
export const TMP = process.env.TMPDIR || '/tmp';
const HTMLDIR = process.env.HTMLDIR || '';
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
mkdirSync(SHOTS, { recursive: true });
if (HTMLDIR) mkdirSync(HTMLDIR, { recursive: true });

// The last document each page was served (the HTML as sent, not as the
// browser mended it), kept for the checker.
const served = new WeakMap();
function track(page) {
  page.on('response', (res) => {
    if (res.request().isNavigationRequest() && res.frame() === page.mainFrame() &&
        (res.headers()['content-type'] || '').startsWith('text/html'))
      served.set(page, res);
  });
}

async function keepHtml(page, name) {
  const res = served.get(page);
  if (!HTMLDIR || !res) return;
  try {
    writeFileSync(path.join(HTMLDIR, `${name}.html`), await res.text());
  } catch (e) { /* a redirect or a download has no body to keep */ }
}

let n = 0, failed = 0;
export function ok(what, cond, detail) {
  n++;
  if (cond) {
    console.log(`ok ${n} - ${what}`);
  } else {
    failed++;
    console.log(`not ok ${n} - ${what}`);
    if (detail) console.log('#   ' + String(detail).split('\n').join('\n#   '));
  }
}

// axe-core on the page as it is: no serious or critical violation.
export async function accessible(page, name) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () =>
    await window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical');
  ok(`${name}: axe-core finds no serious or critical violation`, bad.length === 0,
     bad.map(v => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map(x => x.target.join(' ')).join(', ')})`).join('\n'));
}

// Go to url (if given), check the status, take a screenshot, run axe-core.
export async function visit(page, name, url) {
  const res = url ? await page.goto(BASE + url) : null;
  if (url) ok(`${name}: ${url} answers 200`, res && res.status() === 200, res && res.status());
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  await keepHtml(page, name);
  await accessible(page, name);
}

export async function launch() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args) => {
    const context = await newContext(...args);
    context.on('page', track);
    return context;
  };
  return browser;
}

// Contexts: bypassCSP lets axe-core's script in; the pages' own policy stays strict.
export const laptop = { viewport: { width: 1280, height: 900 }, acceptDownloads: true, bypassCSP: true };
export const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true,
                       deviceScaleFactor: 2, bypassCSP: true };

// Open the site's menu, as a person on a phone taps it (wider screens lay
// it out in the bar: nothing to open there).
export async function openMenu(page) {
  const summary = page.locator('details.menu > summary');
  if (await summary.isVisible()) await summary.click();
}

export async function login(page, who, password = 'danvan-demo') {
  await page.goto(BASE + '/login');
  await page.fill('#f-login', who);
  await page.fill('#f-password', password);
  await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
}

export function finish() {
  console.log(`# ${n - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
