// Commendation in a real browser, on phones: the ward officer proposes a
// person in the ward's open round; the council opens a session with its
// members and votes on each nomination; the ward officer records the
// decision and prints its certificates; a phone scans a certificate's QR
// code and the verification page shows the award. Every page is checked
// with axe-core (lib.mjs).
//
//   BASE=http://127.0.0.1:PORT SHOTS=build/screenshots node tests/browser/awards.mjs
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { BASE, TMP, ok, visit, launch, phone, login, finish } from './lib.mjs';

const browser = await launch();
try {
  // the ward officer finds the ward's open round on the ward's page
  const ward = await (await browser.newContext({ ...phone, acceptDownloads: true })).newPage();
  await login(ward, 'ward@demo');
  await ward.goto(BASE + '/me');
  const unit = await ward.getAttribute('ul.roles a', 'href');
  await ward.goto(BASE + unit);
  await visit(ward, 'unit-awards-phone');
  await Promise.all([ward.waitForNavigation(), ward.click('section.awards a[href^="/award-rounds/"]')]);
  const round = ward.url();
  ok('the round of the ward opens', /\/award-rounds\/\d+$/.test(round), round);
  await visit(ward, 'award-round-phone');
  await Promise.all([ward.waitForNavigation(), ward.click('a[href$="/nominate"]')]);
  await visit(ward, 'nominate-phone');
  await ward.selectOption('#f-subject', 'individual:0');
  await ward.fill('#f-name', 'Huỳnh Thị Bích Ngọc');
  await ward.fill('#f-detail', 'Tổ trưởng tổ dân vận khu phố Đông Tác');
  await ward.selectOption('#f-form', 'giay_khen_ward');
  await ward.fill('#f-achievement', 'Vận động 40 hộ hiến đất mở rộng hẻm 12');
  await Promise.all([ward.waitForNavigation(), ward.click('main button[type=submit]')]);
  ok('proposed: back to the round', ward.url() === round, ward.url());
  ok('the nomination is listed', (await ward.textContent('main table')).includes('Huỳnh Thị Bích Ngọc'));
  await visit(ward, 'award-round-proposed-phone');

  // the council: a session with every member, a vote on each nomination
  const council = await (await browser.newContext(phone)).newPage();
  await login(council, 'council@demo');
  await council.goto(round);
  await visit(council, 'award-round-council-phone');
  for (const box of await council.$$('input[name=present]')) await box.check();
  await council.fill('#f-place', 'Hội trường Ủy ban nhân dân phường');
  await Promise.all([council.waitForNavigation(), council.click('form[action$="/sessions"] button[type=submit]')]);
  ok('the session opens', /\/council-sessions\/\d+$/.test(council.url()), council.url());
  ok('it is quorate', (await council.textContent('section.quorum')).includes('đủ số thành viên'));
  await visit(council, 'council-session-phone');
  // one member disagrees on the new nomination; every member agrees on the others
  const forms = await council.$$('form.vote');
  ok('a vote for each nomination', forms.length >= 3, forms.length);
  const mine = await council.$('section.clause:has-text("Huỳnh Thị Bích Ngọc") form.vote');
  const selects = await mine.$$('select');
  for (let i = 0; i < selects.length; i++)
    await selects[i].selectOption(i === 0 ? 'no' : 'yes');
  await Promise.all([council.waitForNavigation(), mine.$('button:not([name])').then(b => b.click())]);
  ok('each member\'s vote is recorded',
     (await council.textContent('section.clause:has-text("Huỳnh Thị Bích Ngọc")')).includes('người có mặt đồng ý'));
  for (;;) {
    const left = await council.$('section.clause:not(:has-text("người có mặt đồng ý")) button[name=all]');
    if (!left) break;
    await Promise.all([council.waitForNavigation(), left.click()]);
  }
  await visit(council, 'council-voted-phone');
  await Promise.all([council.waitForNavigation(), council.click('form[action$="/close"] button')]);
  ok('the session is closed', council.url() === round, council.url());

  // the decision, and its certificates
  await ward.goto(round);
  await ward.fill('#f-number', '27/QĐ-UBND');
  await ward.fill('#f-signer_name', 'Trần Văn Sáu');
  await visit(ward, 'award-decision-form-phone');
  await Promise.all([ward.waitForNavigation(), ward.click('form[action$="/decision"] button[type=submit]')]);
  ok('the decision has its public page', /\/award-decisions\/\d+$/.test(ward.url()), ward.url());
  ok('it names the new award', (await ward.textContent('main')).includes('Huỳnh Thị Bích Ngọc'));
  await visit(ward, 'award-decision-phone');
  const pdfHref = await ward.getAttribute('a[href$="/certificates.pdf"]', 'href');
  const res = await ward.request.get(BASE + pdfHref);
  ok('the certificates print', res.status() === 200 && res.headers()['content-type'] === 'application/pdf',
     res.status());
  const pdf = path.join(TMP, 'certificates.pdf');
  writeFileSync(pdf, await res.body());
  const text = execFileSync('pdftotext', [pdf, '-']).toString();
  ok('a Giấy khen for her', text.includes('TẶNG GIẤY KHEN') && text.includes('Huỳnh Thị Bích Ngọc'));
  execFileSync('pdftoppm', ['-r', '100', '-png', pdf, path.join(TMP, 'cert')]);
  const pages = execFileSync('sh', ['-c', `ls ${TMP}/cert-*.png`]).toString().trim().split('\n');
  let links = [];
  for (const p of pages)
    links = links.concat(execFileSync('zbarimg', ['-q', '--raw', p], { stdio: ['ignore', 'pipe', 'ignore'] })
                           .toString().trim().split('\n'));
  ok('every certificate has its QR code', links.length === pages.length && links.every(l => l.includes('/verify/')),
     links.join(' '));

  // a phone scans one: the verification page shows the award
  const scan = await (await browser.newContext(phone)).newPage();
  const found = [];
  for (const l of links) {
    const r = await scan.goto(l);
    if (r.status() === 200 && (await scan.textContent('main')).includes('Huỳnh Thị Bích Ngọc')) found.push(l);
  }
  ok('her certificate verifies', found.length === 1, links.join(' '));
  await scan.goto(found[0]);
  ok('the page says Giấy khen', (await scan.textContent('h1')).includes('Giấy khen'));
  ok('with the decision and its validity',
     (await scan.textContent('main')).includes('27/QĐ-UBND') && (await scan.textContent('main')).includes('còn hiệu lực'));
  await visit(scan, 'verify-phone');
  const altered = found[0].replace(/\/verify\/(.)/, (m, c) => `/verify/${c === 'A' ? 'B' : 'A'}`);
  ok('a code altered by one character is not found', (await scan.goto(altered)).status() === 404);
  await visit(scan, 'home-awards-phone', '/');
} finally {
  await browser.close();
}
finish();
