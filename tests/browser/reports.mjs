// Residents' reports in a real browser, on phones: a resident reports a
// flooded alley with a photo from her phone, the ward officer acknowledges
// and resolves it from the queue, and she confirms and rates it; her
// neighbor says his household has the problem too on another report; the
// inspection board's page. Every page is checked with axe-core (lib.mjs).
//
//   BASE=http://127.0.0.1:PORT SHOTS=build/screenshots node tests/browser/reports.mjs
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { BASE, TMP, ok, visit, launch, phone, login, finish } from './lib.mjs';

const browser = await launch();
try {
  // a photo, as a phone's camera would give it (a JPEG)
  const photo = path.join(TMP, 'ngap-hem.jpg');
  execFileSync('vips', ['black', photo, '160', '120', '--bands', '3']);

  // the resident reports, on her phone
  const res = await (await browser.newContext(phone)).newPage();
  await login(res, 'resident@demo');
  await res.goto(BASE + '/reports/new');
  await visit(res, 'report-kinds-phone');
  await Promise.all([res.waitForNavigation(), res.click('ul.choices a:has-text("Ngập nước")')]);
  await visit(res, 'report-form-phone');
  ok('the form offers the phone\'s position', await res.isVisible('button.locate'));
  const unit = await res.$eval('#f-unit option:has-text("Đông Tác")', o => o.value);
  await res.selectOption('#f-unit', unit);
  await res.fill('#f-address', 'Hẻm 9, đường Đông Tác');
  await res.fill('#f-lat', '10.906100');
  await res.fill('#f-long', '106.770600');
  await res.fill('#f-description', 'Mưa là hẻm ngập tới đầu gối, nước tràn vào nhà.');
  await res.selectOption('select[name="attribute[depth]"]', 'knee');
  await res.setInputFiles('#f-photos', photo);
  await Promise.all([res.waitForNavigation(), res.click('main button[type=submit]')]);
  const reportUrl = res.url();
  ok('the report has its page', /\/reports\/\d+$/.test(reportUrl), reportUrl);
  const text = await res.textContent('main');
  ok('with its text, its status, its deadline and who handles it',
     text.includes('ngập tới đầu gối') && text.includes('Đã gửi') && text.includes('Hạn giải quyết') &&
     text.includes('Đội Quản lý trật tự đô thị'), text);
  ok('and its photo', await res.isVisible('section.files img'));
  await visit(res, 'report-phone');

  // the ward's officer, from the queue
  const ward = await (await browser.newContext(phone)).newPage();
  await login(ward, 'ward@demo');
  await ward.goto(BASE + '/reports/queue');
  await visit(ward, 'report-queue-phone');
  ok('overdue reports come first in the queue',
     (await ward.getAttribute('ul.items.reports > li', 'class')) === 'overdue');
  await ward.goto(reportUrl);
  await ward.selectOption('#f-action', 'acknowledge');
  await ward.fill('#f-note', 'Đã tiếp nhận, tổ công tác sẽ kiểm tra hôm nay.');
  await Promise.all([ward.waitForNavigation(), ward.click('form[action$="/act"] button[type=submit]')]);
  ok('acknowledged', (await ward.textContent('main')).includes('Đã tiếp nhận'));
  await ward.selectOption('#f-action', 'resolve');
  await ward.fill('#f-note', 'Đã nạo vét cống đầu hẻm, nước thoát bình thường.');
  await Promise.all([ward.waitForNavigation(), ward.click('form[action$="/act"] button[type=submit]')]);
  ok('resolved, with the response in the history',
     (await ward.textContent('section.history')).includes('Đã nạo vét cống đầu hẻm'));
  await visit(ward, 'report-officer-phone');

  // the resident confirms and rates
  await res.goto(reportUrl);
  await visit(res, 'report-resolved-phone');
  await Promise.all([res.waitForNavigation(), res.click('form[action$="/confirm"] button')]);
  ok('closed once she confirms', (await res.textContent('p.meta')).includes('Đã kết thúc'));
  await res.check('#rating4');
  await res.fill('#f-comment', 'Làm nhanh, cảm ơn phường.');
  await Promise.all([res.waitForNavigation(), res.click('form[action$="/rate"] button[type=submit]')]);
  ok('her rating shows', (await res.textContent('dl.facts')).includes('4/5'));
  await visit(res, 'report-rated-phone');

  // a neighbor has the same problem as an open report
  const nb = await (await browser.newContext(phone)).newPage();
  await login(nb, 'nguoidan1@demo');
  await nb.goto(BASE + '/reports?status=open');
  await visit(nb, 'reports-open-phone');
  const links = await nb.$$eval('ul.items.reports h2 a', as => as.map(a => a.getAttribute('href')));
  let supported = false;
  for (const href of links) {
    await nb.goto(BASE + href);
    if (await nb.isVisible('form[action$="/support"] button')) {
      await Promise.all([nb.waitForNavigation(), nb.click('form[action$="/support"] button')]);
      supported = (await nb.textContent('main')).includes('Hộ của bạn đã báo cũng gặp');
      break;
    }
  }
  ok('a neighbor says "tôi cũng gặp" once', supported);
  await visit(nb, 'report-supported-phone');

  // the inspection board's public page, and a case
  const board = await (await browser.newContext(phone)).newPage();
  await ward.goto(BASE + '/me');
  const unitHref = await ward.getAttribute('ul.roles a', 'href');
  await board.goto(BASE + unitHref + '/inspection');
  await visit(board, 'inspection-board-phone');
  ok('the board is constituted, with its members', (await board.textContent('main')).includes('Đã thành lập'));
  await Promise.all([board.waitForNavigation(), board.click('ul.items h3 a')]);
  await visit(board, 'inspection-case-phone');
} finally {
  await browser.close();
}
finish();
