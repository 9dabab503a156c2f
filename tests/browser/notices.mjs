// Public disclosure in a real browser: a ward officer writes a notice,
// attaches a PDF and a photo and publishes it; a household's representative
// on a phone reads it and says "đã biết"; the reach page follows. Every page
// is checked with axe-core (lib.mjs).
//
//   BASE=http://127.0.0.1:PORT SHOTS=build/screenshots node tests/browser/notices.mjs
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { BASE, TMP, ok, visit, launch, laptop, phone, login, finish } from './lib.mjs';

const pdf = path.join(TMP, 'bang-gia.pdf');
writeFileSync(pdf, '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n' +
                   '2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const photo = path.join(TMP, 'hem-5.jpg');
execFileSync('vips', ['gaussnoise', photo, '800', '600']);

async function reached(page, id) {
  const res = await page.request.get(`${BASE}/api/v1/notices/${id}/reach`);
  return (await res.json()).reached;
}

const browser = await launch();
try {
  const office = await (await browser.newContext(laptop)).newPage();
  await login(office, 'ward@demo');
  await visit(office, 'notices-me-officer');
  ok('the officer sees what needs doing', await office.isVisible('section.todo'));
  const ward = await office.getAttribute('ul.roles a', 'href');
  await office.goto(BASE + ward);
  await Promise.all([office.waitForNavigation(), office.click('a[href$="/notices/new"]')]);
  await visit(office, 'notice-new');

  // a mistake first: nothing chosen, the errors sit next to their fields
  await office.fill('#f-title', 'Công khai giá dịch vụ thu gom rác 2027');
  await Promise.all([office.waitForNavigation(), office.click('main form.stacked button[type=submit]')]);
  ok('a missing text is named next to its field', await office.isVisible('#e-body'));
  ok('the title typed stays', (await office.inputValue('#f-title')).includes('thu gom rác'));
  await visit(office, 'notice-new-error');
  const fees = await office.$eval('#f-category', s =>
    [...s.options].find(o => o.textContent.includes('phí')).value);
  await office.selectOption('#f-category', fees);
  await office.fill('#f-body', 'Mức thu mới áp dụng từ **01/01/2027**.\n- Mặt tiền: 45.000 ₫/tháng\n- Trong hẻm: 35.000 ₫/tháng');
  await Promise.all([office.waitForNavigation(), office.click('main form.stacked button[type=submit]')]);
  const m = office.url().match(/\/notices\/(\d+)$/);
  ok('the draft has its page', !!m, office.url());
  const id = m && m[1];
  await visit(office, 'notice-draft');

  for (const file of [pdf, photo]) {
    await office.setInputFiles('#f-file', file);
    await Promise.all([office.waitForNavigation(), office.click('form.upload button[type=submit]')]);
  }
  ok('the PDF is attached', await office.isVisible('section.files a:has-text("bang-gia.pdf")'));
  ok('the photo shows as a thumbnail', await office.isVisible('section.files img[src$="/thumb"]'));
  await Promise.all([office.waitForNavigation(), office.click(`form[action="/notices/${id}/publish"] button`)]);
  ok('published: the checklist of duties appears', await office.isVisible('section.duties'));
  ok('the web portal duty is done at once', (await office.textContent('section.duties')).includes('Cổng thông tin'));
  await visit(office, 'notice-published');

  // the text-message duty leads to the preview (no gateway here: it says so)
  await office.goto(`${BASE}/notices/${id}`);
  const sms = office.locator(`a[href="/notices/${id}/sms"]`);
  ok('a notice that must go by text message links to its preview', await sms.count() === 1);
  if (await sms.count()) {
    await Promise.all([office.waitForNavigation(), sms.click()]);
    await visit(office, 'notice-sms');
    ok('the preview shows the message as it will go',
       (await office.textContent('blockquote.sms')).includes('Xem: '));
    ok('and says nothing can be sent without a gateway',
       (await office.textContent('main')).includes('chưa có cổng SMS'));
  }

  // the public list and search find it, with or without accents
  await visit(office, 'notices-search', '/notices?q=gia+dich+vu+thu+gom+rac');
  ok('search without accents finds it', await office.isVisible(`a[href="/notices/${id}"]`));
  await visit(office, 'notice-categories', '/notice-categories');

  // a representative on a cheap phone
  const before = await reached(office, id);
  const res = await (await browser.newContext(phone)).newPage();
  await login(res, 'resident@demo');
  await visit(res, 'me-notices-phone');
  ok('my page lists the new notice', await res.isVisible(`section a[href="/notices/${id}"]`));
  await res.click(`section a[href="/notices/${id}"]`);
  await res.waitForURL(`**/notices/${id}`);
  await visit(res, 'notice-phone');
  ok('the text reads as written', (await res.textContent('.prose')).includes('45.000 ₫/tháng'));
  await Promise.all([res.waitForNavigation(), res.click(`form[action="/notices/${id}/ack"] button`)]);
  ok('the page says my household knows it', await res.isVisible('section.ack .done'));
  await visit(res, 'notice-known-phone');
  ok('the reach counts one more household', (await reached(office, id)) === before + 1,
     `${before} -> ${await reached(office, id)}`);

  // the reach page, as the public sees it
  await visit(res, 'notice-reach-phone', `/notices/${id}/reach`);
  ok('the reach page shows Đông Tác with a household reached',
     (await res.textContent('table.reach')).includes('Đông Tác'));
  await visit(res, 'notice-versions-phone', `/notices/${id}/versions`);
  await visit(res, 'news-phone', '/news');
  const article = await res.getAttribute('ul.items a[href^="/news/"]', 'href');
  await visit(res, 'article-phone', article);
} finally {
  await browser.close();
}
finish();
