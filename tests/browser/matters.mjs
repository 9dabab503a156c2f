// Deciding together in a real browser, on phones: the head puts a matter to
// the community and opens household ballots; a representative votes, keeps
// the receipt, and finds the household's receipt of an earlier, closed
// matter in the public tally. Every page is checked with axe-core (lib.mjs).
//
//   BASE=http://127.0.0.1:PORT SHOTS=build/screenshots node tests/browser/matters.mjs
import { BASE, ok, visit, launch, phone, login, finish } from './lib.mjs';

const browser = await launch();
try {
  // the head, on a phone
  const head = await (await browser.newContext(phone)).newPage();
  await login(head, 'head@demo');
  const nb = await head.getAttribute('ul.roles a', 'href');
  await head.goto(BASE + nb);
  await Promise.all([head.waitForNavigation(), head.click('a[href$="/matters/new"]')]);
  await visit(head, 'matter-new-phone');
  // community rules by household ballots: refused, with the article
  await head.selectOption('#f-type', '3');
  await head.selectOption('#f-form', 'ballot');
  await head.fill('#f-title', 'Sửa đổi hương ước khu phố');
  await head.fill('#f-body', 'Dự thảo hương ước sửa đổi.');
  await Promise.all([head.waitForNavigation(), head.click('main form.stacked button[type=submit]')]);
  ok('community rules by ballot are refused, naming Art. 17',
     (await head.textContent('#e-form')).includes('Điều 17'));
  await visit(head, 'matter-new-refused-phone');
  await head.selectOption('#f-type', '1');
  await head.fill('#f-title', 'Mức đóng góp lắp thêm đèn hẻm 15');
  await head.fill('#f-body', 'Mỗi hộ 200.000 ₫ để lắp thêm 6 bóng đèn.');
  await Promise.all([head.waitForNavigation(), head.click('main form.stacked button[type=submit]')]);
  const m = head.url().match(/\/matters\/(\d+)$/);
  ok('the draft has its page', !!m, head.url());
  await visit(head, 'matter-draft-phone');
  await Promise.all([head.waitForNavigation(), head.click(`form[action="/matters/${m[1]}/open"] button`)]);
  ok('voting is open', (await head.textContent('main')).includes('Đang bỏ phiếu'));
  await visit(head, 'matter-open-phone');

  // a representative, on another phone
  const res = await (await browser.newContext(phone)).newPage();
  await login(res, 'resident@demo');
  await res.goto(`${BASE}/matters/${m[1]}`);
  await visit(res, 'ballot-phone');
  await res.check('#cyes');
  await Promise.all([res.waitForNavigation(), res.click('form.vote button[type=submit]')]);
  const receipt = (await res.textContent('p.receipt code')).trim();
  ok('the ballot is cast and the receipt shown', /^[A-Z0-9]{5}-[A-Z0-9]{5}$/.test(receipt), receipt);
  await visit(res, 'ballot-cast-phone');

  // the household's receipt of the closed matter, found in the public tally
  await res.goto(`${BASE}${nb.replace('/units/', '/matters?unit=')}&status=closed`);
  await visit(res, 'matters-closed-phone');
  await Promise.all([res.waitForNavigation(), res.click('ul.items a[href^="/matters/"]')]);
  ok('the closed matter shows its result', await res.isVisible('section.result'));
  await visit(res, 'matter-result-phone');
  await Promise.all([res.waitForNavigation(), res.click('section.ballot a')]);
  ok('the tally finds my receipt', (await res.textContent('main p.done')).includes('Đồng ý') ||
     (await res.textContent('main p.done')).includes('yes'));
  await visit(res, 'tally-phone');
  await visit(res, 'rules-phone', '/rules');
} finally {
  await browser.close();
}
finish();
