// Deciding together in a real browser, on phones: the head puts a matter to
// the community and opens household ballots; a representative votes and
// sees the receipt once, and finds the receipt its household kept from an
// earlier, closed matter in the public tally. Every page is checked with
// axe-core (lib.mjs).
//
//   BASE=http://127.0.0.1:PORT DEMO_RECEIPT=XXXXX-XXXXX SHOTS=build/screenshots \
//     node tests/browser/matters.mjs
// DEMO_RECEIPT: the receipt `danvan demo` printed for resident@demo's household.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { BASE, TMP, ok, visit, launch, phone, login, finish } from './lib.mjs';

// "2026-12-10" and "19:05" in Vietnam, `minutes` from now.
function vietnam(minutes) {
  const t = new Date(Date.now() + minutes * 60000 + 7 * 3600000).toISOString();
  return [t.slice(0, 10), t.slice(11, 16)];
}

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
  // paper ballots: the distribution list shows households and no receipt
  await Promise.all([head.waitForNavigation(), head.click(`a[href="/matters/${m[1]}/roll"]`)]);
  ok('the distribution list lists the households, with no receipt',
     (await head.$$('ul.register li')).length > 0 &&
     !/[A-Z0-9]{5}-[A-Z0-9]{5}/.test(await head.textContent('main')));
  await visit(head, 'roll-phone');

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
  await res.goto(`${BASE}/matters/${m[1]}`);
  ok('the receipt is shown once: not on the page again',
     !(await res.textContent('main')).includes(receipt) &&
     (await res.textContent('section.ballot')).includes('trực tuyến'));

  // the household's receipt of the closed matter, found in the public tally
  await res.goto(`${BASE}${nb.replace('/units/', '/matters?unit=')}&status=closed`);
  await visit(res, 'matters-closed-phone');
  await Promise.all([res.waitForNavigation(), res.click('ul.items a[href^="/matters/"]')]);
  ok('the closed matter shows its result', await res.isVisible('section.result'));
  await visit(res, 'matter-result-phone');
  await Promise.all([res.waitForNavigation(), res.click('section.ballot a')]);
  ok('the demo printed the receipt the household kept', /^[A-Z0-9]{5}-[A-Z0-9]{5}$/.test(process.env.DEMO_RECEIPT || ''),
     process.env.DEMO_RECEIPT);
  await res.fill('#receipt', process.env.DEMO_RECEIPT || '');
  await Promise.all([res.waitForNavigation(), res.click('form.search button')]);
  ok('the tally finds my receipt', (await res.textContent('main p.done')).includes('Đồng ý'));
  ok('and shows every choice in Vietnamese', !(await res.textContent('main table')).includes('yes'));
  await visit(res, 'tally-phone');
  await visit(res, 'rules-phone', '/rules');

  // the head runs a meeting from a phone: call it, check people in, vote, close, minutes
  await head.goto(BASE + nb + '/matters/new');
  await head.selectOption('#f-type', '3');
  await head.selectOption('#f-form', 'meeting');
  await head.fill('#f-title', 'Bổ sung quy ước về giờ đổ rác');
  await head.fill('#f-body', 'Đổ rác trước 19 giờ hằng ngày.');
  await Promise.all([head.waitForNavigation(), head.click('main form.stacked button[type=submit]')]);
  const meeting = head.url().match(/\/matters\/(\d+)$/)[1];
  const [day, time] = vietnam(70);
  await head.fill('#f-starts_on', day);
  await head.fill('#f-starts_time', time);
  await head.fill('#f-place', 'Nhà văn hóa khu phố');
  await visit(head, 'meeting-call-phone');
  await Promise.all([head.waitForNavigation(), head.click(`form[action="/matters/${meeting}/schedule"] button`)]);
  ok('the meeting is called, its invitation posted', await head.isVisible('section.meeting a[href^="/notices/"]'));
  await head.fill('#f-secretary', 'Lê Thị Thu Hà');
  await Promise.all([head.waitForNavigation(), head.click(`form[action="/matters/${meeting}/register/open"] button`)]);
  await visit(head, 'meeting-open-phone');
  await Promise.all([head.waitForNavigation(), head.click(`a[href="/matters/${meeting}/register"]`)]);
  await visit(head, 'meeting-register-phone');
  while (!(await head.textContent('div.quorum')).includes('Đủ điều kiện')) {
    const here = await head.$('ul.register form button');
    if (!here) break;
    await Promise.all([head.waitForNavigation(), here.click()]);
  }
  ok('checking in until the meeting is quorate', (await head.textContent('div.quorum')).includes('Đủ điều kiện'));
  await visit(head, 'meeting-quorate-phone');
  await head.goto(`${BASE}/matters/${meeting}`);
  await Promise.all([head.waitForNavigation(), head.click(`form[action="/matters/${meeting}/motions"] button`)]);
  const present = Number((await head.textContent('div.quorum strong')).split('/')[0].trim());
  await head.fill('form.duty input[name=yes]', String(present));
  await Promise.all([head.waitForNavigation(), head.click('form.duty button')]);
  ok('the vote is counted and passes', (await head.textContent('section.motions')).includes('Được thông qua'));
  await Promise.all([head.waitForNavigation(), head.click(`form[action="/matters/${meeting}/close"] button`)]);
  ok('closed, the matter is decided', await head.isVisible('section.result strong.done'));
  await visit(head, 'meeting-closed-phone');
  const pdf = await head.request.get(`${BASE}/matters/${meeting}/minutes.pdf`);
  ok('the minutes are a PDF', pdf.headers()['content-type'] === 'application/pdf');
  const file = path.join(TMP, 'minutes.pdf');
  writeFileSync(file, await pdf.body());
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
  ok('the minutes hold the title, the count and the signatures',
     text.includes('BIÊN BẢN') && text.includes(`${present} đồng ý`) && text.includes('Lê Thị Thu Hà'),
     text.slice(0, 400));

  // the demo's coming head election: its timeline with the rules, candidates and team
  await head.goto(`${BASE}/matters?unit=${nb.replace('/units/', '')}`);
  await Promise.all([head.waitForNavigation(), head.click('ul.items a:has-text("Bầu tổ trưởng")')]);
  const steps = await head.$$eval('section.election ol.timeline li', ls => ls.map(l => l.textContent));
  ok('the election shows its four steps, each with its rule',
     steps.length === 4 && steps[0].includes('20 ngày') && steps[1].includes('7 ngày') &&
     steps[2].includes('10 ngày'), steps.join(' | '));
  ok('its candidates and team', (await head.textContent('section.election')).includes('Phạm Thị Lan') &&
     (await head.textContent('section.election')).includes('Đỗ Thị Mai'));
  await visit(head, 'election-phone');
} finally {
  await browser.close();
}
finish();
