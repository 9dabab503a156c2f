// Comments on drafts in a real browser, on phones: a representative opens
// the ward's draft regulation, comments on one article, and sees the
// opinion under it without her name; the ward officer sees who wrote it; the
// published synthesis of last year's plan shows every answer. Every page is
// checked with axe-core (lib.mjs).
//
//   BASE=http://127.0.0.1:PORT SHOTS=build/screenshots node tests/browser/consultations.mjs
import { BASE, ok, visit, launch, phone, login, finish } from './lib.mjs';

const browser = await launch();
try {
  const res = await (await browser.newContext(phone)).newPage();
  await login(res, 'resident@demo');
  await res.goto(BASE + '/consultations');
  await visit(res, 'consultations-phone');
  await Promise.all([res.waitForNavigation(), res.click('ul.items a:has-text("Quy chế")')]);
  const url = res.url();
  await visit(res, 'consultation-phone');
  // Điều 3 is section 4 (the preamble is 1)
  await res.click('#s4 details.comment summary');
  await res.check('#st4-1'); // oppose
  await res.fill('#text4', 'Đề nghị gửi giấy mời trước bảy ngày, không phải năm ngày.');
  await visit(res, 'consultation-comment-phone');
  await Promise.all([res.waitForNavigation(), res.click('#s4 details.comment button[type=submit]')]);
  ok('back at the part commented on', res.url().endsWith('#s4'), res.url());
  const mine = await res.textContent('#s4 ol.opinions');
  ok("the opinion shows under its article, marked as hers",
     mine.includes("trước bảy ngày, không phải năm ngày") && mine.includes("của bạn"), mine);
  ok('without her name', !mine.includes('Nguyễn') && mine.includes('Cư dân'));
  ok('the counts follow', (await res.textContent('#s4 p.counts')).includes('không tán thành'));
  await visit(res, 'consultation-commented-phone');

  // the officer sees who gave it
  const ward = await (await browser.newContext(phone)).newPage();
  await login(ward, 'ward@demo');
  await ward.goto(url);
  ok('the officer sees the giver', (await ward.textContent('#s4 ol.opinions')).includes('·'));
  ok('and may record an opinion from the box', await ward.isVisible('select[name=channel]'));
  await visit(ward, 'consultation-officer-phone');

  // last year's plan: the synthesis, public
  await res.goto(BASE + '/consultations?status=published');
  await Promise.all([res.waitForNavigation(), res.click('ul.items a:has-text("Kế hoạch")')]);
  await Promise.all([res.waitForNavigation(), res.click('a[href$="/synthesis"]')]);
  ok('the synthesis shows each answer and the conclusion',
     (await res.textContent('main')).includes('Tiếp thu một phần') &&
     (await res.textContent('main')).includes('Kết luận'));
  await visit(res, 'synthesis-phone');
} finally {
  await browser.close();
}
finish();
