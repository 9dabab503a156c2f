// Community works in a real browser, on phones: the head records a
// household's contribution to hẻm 15 from the households' list and prints
// its receipt, then records an expense; a member of the supervision board
// signs the expense off; the public page shows the balance that follows.
// Every page is checked with axe-core (lib.mjs).
//
//   BASE=http://127.0.0.1:PORT SHOTS=build/screenshots node tests/browser/works.mjs
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { BASE, TMP, ok, visit, launch, phone, login, finish } from './lib.mjs';

const money = (s) => Number(String(s).replace(/[^0-9-]/g, ''));

const browser = await launch();
try {
  // the head, on a phone: from its neighborhood to hẻm 15
  const head = await (await browser.newContext(phone)).newPage();
  await login(head, 'head@demo');
  const nb = await head.getAttribute('ul.roles a', 'href');
  await head.goto(BASE + nb);
  await visit(head, 'unit-works-phone');
  ok("the neighborhood's page lists its works",
     (await head.textContent('section.works')).includes('Bê tông hóa hẻm 15'));
  await Promise.all([head.waitForNavigation(), head.click('section.works a:has-text("Bê tông hóa hẻm 15")')]);
  const work = new URL(head.url()).pathname;
  ok('the work has its page', /^\/works\/\d+$/.test(work), work);
  await visit(head, 'work-head-phone');
  const before = money(await head.textContent('#balance'));

  // the households' list, where a household not yet paid is recorded
  await Promise.all([head.waitForNavigation(), head.click(`a[href="${work}/households"]`)]);
  await visit(head, 'work-households-phone');
  const rows = await head.$$eval('table.shares tbody tr', trs => trs.map(tr => ({
    cells: [...tr.querySelectorAll('td')].map(td => td.textContent.trim()),
    href: (tr.querySelector('a') || {}).href || '' })));
  const unpaid = rows.find(r => r.href && r.cells[3] === '0 ₫' && r.cells[2] === '' &&
                                !r.cells[4].includes('miễn/giảm'));
  ok('a household that has not paid has its Record link', !!unpaid, rows.length);
  await head.goto(unpaid.href);
  await visit(head, 'work-record-phone');
  const code = new URL(unpaid.href).searchParams.get('household');
  ok('the form is filled with the household', (await head.inputValue('#f-household')) === code, code);
  await head.fill('#f-amount', '1.500.000');
  await Promise.all([head.waitForNavigation(), head.click('#record button[type=submit]')]);
  ok('the entry has its page', /\/entries\/\d+$/.test(head.url()), head.url());
  ok('with the amount in words', (await head.textContent('main')).includes('Một triệu năm trăm nghìn đồng'));
  await visit(head, 'work-entry-phone');

  // the receipt, as the link gives it
  const receipt = await head.getAttribute('a[href$="/receipt.pdf"]', 'href');
  const pdf = await head.context().request.get(BASE + receipt);
  ok('the receipt is a PDF', pdf.status() === 200 && pdf.headers()['content-type'] === 'application/pdf');
  const file = path.join(TMP, 'works-receipt.pdf');
  writeFileSync(file, await pdf.body());
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
  ok('it reads PHIẾU THU, the household and the amount in words',
     text.includes('PHIẾU THU') && text.includes(code) && text.includes('Một triệu năm trăm nghìn đồng'));
  execFileSync('pdftoppm', ['-r', '150', '-png', file, path.join(TMP, 'works-receipt')], { stdio: ['ignore', 'ignore', 'ignore'] });
  const qr = execFileSync('sh', ['-c', `zbarimg -q --raw ${TMP}/works-receipt-*.png 2>/dev/null | head -1`]).toString().trim();
  ok('its QR code points at the entry', qr.endsWith(new URL(head.url()).pathname), qr);

  // an expense, recorded by the head
  await head.goto(BASE + work + '#record');
  await head.selectOption('#f-kind', 'expense');
  await head.fill('#f-amount', '500.000');
  await head.fill('#f-party', 'Cửa hàng điện Minh Quang');
  await head.fill('#f-item', 'Dây điện và công tắc');
  await head.fill('#f-quantity', '50 m');
  await Promise.all([head.waitForNavigation(), head.click('#record button[type=submit]')]);
  const expense = new URL(head.url()).pathname;
  ok('the expense waits for the board', (await head.textContent('main')).includes('Chờ Ban giám sát xác nhận'));
  await visit(head, 'work-expense-phone');

  // a member of the supervision board, on another phone
  const member = await (await browser.newContext(phone)).newPage();
  await login(member, 'inspector@demo');
  await member.goto(BASE + work);
  ok('the board member sees the expenses waiting', (await member.textContent('#member')).includes('Dây điện và công tắc'));
  await visit(member, 'work-member-phone');
  await Promise.all([member.waitForNavigation(), member.click(`#member a[href="${expense}"]`)]);
  await visit(member, 'work-signoff-phone');
  await member.selectOption('#f-decision', 'approve');
  await Promise.all([member.waitForNavigation(), member.click('#signoff button[type=submit]')]);
  ok('signed off by the board', (await member.textContent('main')).includes('Ban giám sát đã xác nhận'));
  await visit(member, 'work-signed-phone');

  // anyone: the public page shows the balance that follows
  const anyone = await (await browser.newContext(phone)).newPage();
  await anyone.goto(BASE + work);
  const after = money(await anyone.textContent('#balance'));
  ok('the public page shows the new balance', after === before + 1500000 - 500000, `${before} -> ${after}`);
  ok('and the ledger lists both entries',
     (await anyone.textContent('#ledger')).includes('Dây điện và công tắc') &&
     (await anyone.textContent('#ledger')).includes(code));
  await visit(anyone, 'work-public-phone');
  // the finished alley, its final accounts
  await anyone.goto(BASE + nb.replace('/units/', '/works?unit='));
  await visit(anyone, 'works-list-phone');
  await Promise.all([anyone.waitForNavigation(), anyone.click('ul.items a:has-text("hẻm 7")')]);
  ok('the finished alley shows its final accounts', (await anyone.textContent('main')).includes('Quyết toán'));
  await visit(anyone, 'work-settled-phone');
} finally {
  await browser.close();
}
finish();
