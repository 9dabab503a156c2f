// Browser tests: Debian's Chromium driven by playwright-core, every page
// checked with axe-core (lib.mjs). The registry: log in, add a household,
// print its slip, claim it on a phone, switch the language.
//
//   BASE=http://127.0.0.1:PORT SHOTS=build/screenshots node tests/browser/run.mjs
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { BASE, TMP, ok, visit, launch, laptop, phone, finish, openMenu } from './lib.mjs';

const browser = await launch();

try {
  // An official on a laptop: log in, add a household, print its slip.
  const office = await browser.newContext(laptop);
  const page = await office.newPage();
  await visit(page, 'home', '/');
  ok('home is in Vietnamese', (await page.getAttribute('html', 'lang')) === 'vi');
  await visit(page, 'login', '/login');
  await page.fill('#f-login', 'head@demo');
  await page.fill('#f-password', 'danvan-demo');
  await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
  ok('logging in leads to my page', page.url().endsWith('/me'), page.url());
  await visit(page, 'me');

  const unit = await page.getAttribute('ul.roles a', 'href');
  ok('my page links my neighborhood', unit && unit.startsWith('/units/'), unit);
  await visit(page, 'unit-official', unit);
  await page.click('a[href$="/households"]');
  await visit(page, 'households');
  await page.click(`a[href="${unit}/households/new"]`);
  await visit(page, 'household-new');

  // a mistake first: the error appears next to its field, what was typed stays
  await page.fill('#f-code', 'HK-BR-1');
  await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
  ok('an empty address is named next to its field', await page.isVisible('#e-address'));
  ok('the code typed stays', (await page.inputValue('#f-code')) === 'HK-BR-1');
  await visit(page, 'household-new-error');
  await page.fill('#f-address', 'Số 77, đường Chiêu Liêu');
  await Promise.all([page.waitForNavigation(), page.click('main button[type=submit]')]);
  ok('the new household has its page', /\/households\/\d+$/.test(page.url()), page.url());
  await page.fill('#f-full_name', 'Võ Thị Ngọc Hân');
  await page.selectOption('#f-gender', 'female');
  await page.fill('#f-relation', 'Chủ hộ');
  await page.fill('#f-birth_date', '12/04/1979');
  await Promise.all([page.waitForNavigation(), page.click('form[action$="/residents"] button[type=submit]')]);
  ok('the member is listed', (await page.content()).includes('Võ Thị Ngọc Hân'));
  await visit(page, 'household');

  // print the slips of the neighborhood (households without an account)
  await page.goto(BASE + unit + '/invitations');
  await visit(page, 'invitations');
  const [download] = await Promise.all([page.waitForEvent('download'),
                                        page.click('main button[type=submit]')]);
  const pdf = path.join(TMP, 'slips.pdf');
  await download.saveAs(pdf);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
  ok('the slips PDF holds the new household', text.includes('Số 77, đường Chiêu Liêu'));
  execFileSync('pdftoppm', ['-r', '150', '-png', pdf, path.join(TMP, 'slip')]);
  const pages = execFileSync('sh', ['-c', `ls ${TMP}/slip-*.png`]).toString().trim().split('\n');
  let links = [];
  for (const p of pages)
    links = links.concat(execFileSync('zbarimg', ['-q', '--raw', p], { stdio: ['ignore', 'pipe', 'ignore'] })
                           .toString().trim().split('\n'));
  const claim = links.find(l => l.includes('/claim/'));
  ok('the QR codes decode to claim links', !!claim, links.join(' '));

  // A representative on a cheap phone claims the household's account.
  const mobile = await browser.newContext(phone);
  const p2 = await mobile.newPage();
  await p2.goto(claim);
  await visit(p2, 'claim-phone');
  await p2.fill('#f-display_name', 'Võ Thị Ngọc Hân');
  await p2.fill('#f-login', '0903 456 789');
  await p2.fill('#f-password', 'mat-khau-cua-ho');
  await p2.fill('#f-confirm', 'mat-khau-cua-ho');
  await Promise.all([p2.waitForNavigation(), p2.click('main button[type=submit]')]);
  ok('claiming leads to my household', p2.url().endsWith('/me'), p2.url());
  ok('my household is shown', (await p2.content()).includes('Hộ gia đình của tôi'));
  await visit(p2, 'me-phone');
  const reuse = await p2.goto(claim);
  ok('the slip works only once', reuse.status() === 410, reuse.status());
  await visit(p2, 'claim-used-phone');

  // switch the language
  await p2.goto(BASE + '/');
  ok('on a phone the bar holds the name and the menu, under 64 px',
     (await p2.locator('header.site').boundingBox()).height < 64);
  await openMenu(p2);
  await visit(p2, 'menu-open-phone');
  await Promise.all([p2.waitForNavigation(), p2.click('a[hreflang=en]')]);
  ok('switching to English', (await p2.getAttribute('html', 'lang')) === 'en');
  ok('the page speaks English', (await p2.content()).includes('All administrative units'));
  await visit(p2, 'home-en-phone');
  await p2.goto(BASE + '/account');
  ok('English stays on the next page', (await p2.getAttribute('html', 'lang')) === 'en');
  await visit(p2, 'account-en-phone');
  await p2.goto(BASE + '/nothing-here');
  await visit(p2, 'not-found-phone');
} finally {
  await browser.close();
}
finish();
