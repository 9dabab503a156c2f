// The mobilization year in a real browser, on phones: the city's
// administrator opens the city's plans (2023's with an indicator, the
// periodic reports and their consolidation), makes this year's plan, reads
// the 2022 review, builds this year's review, writes a narrative part,
// makes it final (its hash shown), publishes it and records its
// conference, and its PDF prints; a ward officer finds a task the city's
// plan gives the ward, reports on it and attaches evidence, and /me counts
// the overdue tasks and the periodic reports; an anonymous resident reads
// the published review and finds its PDF. Every page is checked with
// axe-core (lib.mjs).
//
//   BASE=http://127.0.0.1:PORT SHOTS=build/screenshots node tests/browser/plans.mjs
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { BASE, TMP, SHOTS, ok, visit, launch, phone, login, finish } from './lib.mjs';

// The year in Vietnam, as the server reads its clock.
const YEAR = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' })
  .format(process.env.DANVAN_NOW ? new Date(Number(process.env.DANVAN_NOW) * 1000) : new Date()));

const browser = await launch();
try {
  // the city's administrator, on a phone: from /me to the city's plans
  const admin = await (await browser.newContext(phone)).newPage();
  await login(admin, 'admin@demo');
  await admin.goto(BASE + '/me');
  const city = await admin.getAttribute('ul.roles a', 'href');
  ok("the administrator's role names the city", /^\/units\/\d+$/.test(city), city);
  await admin.goto(BASE + city);
  await visit(admin, 'unit-plans-phone');
  await Promise.all([admin.waitForNavigation(), admin.click(`section.plans a[href="${city}/plans"]`)]);
  await visit(admin, 'plans-city-phone');
  ok("the city's plans list 2023's", (await admin.textContent('main table')).includes('năm 2023'));

  // 2023's plan, one of its indicators, the periodic reports consolidated
  await Promise.all([admin.waitForNavigation(), admin.click('main table a:has-text("Kế hoạch công tác dân vận năm 2023")')]);
  await visit(admin, 'plan-2023-phone');
  ok('the 2023 plan gives tasks to the wards', (await admin.textContent('main')).includes('Tân Đông Hiệp'));
  await Promise.all([admin.waitForNavigation(), admin.click('main a[href^="/plan-indicators/"]')]);
  await visit(admin, 'indicator-phone');
  await admin.goto(BASE + city + '/periodic');
  await visit(admin, 'periodic-city-phone');
  await Promise.all([admin.waitForNavigation(), admin.click('main a[href^="/periodic/"]')]);
  await visit(admin, 'periodic-template-phone');
  await admin.goto(BASE + new URL(admin.url()).pathname + '/consolidation?year=2022');
  await visit(admin, 'consolidation-2022-phone');
  ok('the 2022 consolidation flags the late ward', (await admin.textContent('main')).includes('Trễ hạn'));
  await admin.goto(BASE + city + '/plans');

  // this year's plan, made from the form
  await admin.selectOption('#f-year', String(YEAR));
  await admin.selectOption('#f-kind', 'mobilization');
  await admin.fill('#f-title', `Kế hoạch công tác dân vận năm ${YEAR}`);
  await admin.fill('#f-directions', 'Tiếp tục xây dựng mô hình "Dân vận khéo" ở mọi khu phố.');
  await Promise.all([admin.waitForNavigation(), admin.click('form[action$="/plans"] button[type=submit]')]);
  ok("this year's plan has its page", /\/plans\/\d+$/.test(admin.url()), admin.url());
  ok('(titled with the year)', (await admin.textContent('h1')).includes(String(YEAR)));
  await visit(admin, 'plan-phone');

  // the 2022 review, published
  await admin.goto(BASE + city + '/reviews');
  await visit(admin, 'reviews-city-phone');
  await Promise.all([admin.waitForNavigation(), admin.click('main li:has-text("2022") a[href^="/reviews/"]:not([href$=".pdf"])')]);
  ok('the 2022 review opens', /\/reviews\/\d+$/.test(admin.url()), admin.url());
  ok('(published, its hash shown)', /[0-9a-f]{64}/.test(await admin.textContent('dl.facts code')));
  ok('(its conference)', (await admin.textContent('section.conference')).includes('Hội trường'));
  await visit(admin, 'review-2022-phone');

  // this year's review: build the draft, write, make final, publish
  await admin.goto(BASE + city + '/reviews');
  await admin.selectOption('#f-year', String(YEAR));
  await Promise.all([admin.waitForNavigation(), admin.click('form[action$="/reviews"] button[type=submit]')]);
  const review = new URL(admin.url()).pathname;
  ok("this year's draft has its page", /^\/reviews\/\d+$/.test(review), review);
  await visit(admin, 'review-draft-phone');
  const text = `Năm ${YEAR}, các khu phố tổ chức đối thoại định kỳ với người dân.`;
  await admin.fill('#f-opening', text);
  await Promise.all([admin.waitForNavigation(), admin.click(`form[action="${review}"] button[type=submit]`)]);
  ok('the narrative is kept', (await admin.textContent('main')).includes(text));
  await Promise.all([admin.waitForNavigation(), admin.click(`form[action="${review}/final"] button`)]);
  const hash = (await admin.textContent('dl.facts code')) || '';
  ok('made final: its hash is shown', /^[0-9a-f]{64}$/.test(hash.trim()), hash);
  ok('(no form to change it any more)', (await admin.$('#f-opening')) === null);
  await visit(admin, 'review-final-phone');
  await Promise.all([admin.waitForNavigation(), admin.click(`form[action="${review}/publish"] button`)]);
  ok('published: its public notice is linked', (await admin.$('p.links a[href^="/notices/"]')) !== null);
  await visit(admin, 'review-published-phone');
  await Promise.all([admin.waitForNavigation(), admin.click('p.links a[href^="/notices/"]')]);
  await visit(admin, 'review-notice-phone');
  ok('the notice links the PDF', (await admin.$('main a[href*="review"][href$=".pdf"]')) !== null);
  await admin.goto(BASE + review);

  // the conference, recorded from the review's page: a mistake first
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' })
    .format(process.env.DANVAN_NOW ? new Date(Number(process.env.DANVAN_NOW) * 1000) : new Date());
  await admin.fill('#f-held_on', today);
  await admin.fill('#f-starts', '08:00');
  await admin.fill('#f-participants', 'Lãnh đạo Thành ủy, Ủy ban Mặt trận Tổ quốc và các phường');
  await admin.fill('#f-agenda', 'Báo cáo tổng kết năm; phương hướng năm tới; khen thưởng');
  await Promise.all([admin.waitForNavigation(), admin.click(`form[action="${review}/conference"] button[type=submit]`)]);
  ok('no place: the message is next to the place', (await admin.textContent('#e-place')).length > 0);
  ok('(what was typed is kept)', (await admin.inputValue('#f-agenda')).includes('phương hướng năm tới'));
  await visit(admin, 'review-conference-error-phone');
  await admin.fill('#f-place', 'Hội trường Thành ủy Dĩ An');
  await Promise.all([admin.waitForNavigation(), admin.click(`form[action="${review}/conference"] button[type=submit]`)]);
  ok('the conference is recorded', (await admin.textContent('section.conference')).includes('Hội trường Thành ủy Dĩ An'));
  await visit(admin, 'review-conference-phone');
  const pdfHref = await admin.getAttribute('p.links a[href*="review"][href$=".pdf"]', 'href');
  const pdf = await admin.context().request.get(BASE + pdfHref);
  ok('the report prints as a PDF', pdf.status() === 200 && pdf.headers()['content-type'] === 'application/pdf',
     pdf.status());
  const file = path.join(TMP, 'plans-review.pdf');
  writeFileSync(file, await pdf.body());
  const printed = execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, ' ');
  ok('(with the narrative and the hash)', printed.includes('các khu phố tổ chức đối thoại') &&
     printed.replace(/ /g, '').includes(hash.trim()));

  // a ward officer: a task of the city's plan, reported on with evidence
  const ward = await (await browser.newContext(phone)).newPage();
  await login(ward, 'ward@demo');
  await ward.goto(BASE + '/tasks');
  await visit(ward, 'tasks-ward-phone');
  // the ward's own tasks and the city's to the ward: "Kế hoạch 2023 · Dĩ An"
  const rows = await ward.$$eval('main table tbody tr', trs => trs.map(tr => ({
    href: tr.querySelector('a').getAttribute('href'),
    plan: tr.querySelector('.meta').textContent, to: tr.querySelector('td').textContent })));
  const cityTask = rows.find(t => t.plan.endsWith('· Dĩ An'));
  ok("one comes from the city's plan, addressed to the ward",
     !!cityTask && cityTask.to.includes('Tân Đông Hiệp'), JSON.stringify(rows));
  const task = cityTask.href;
  await ward.goto(BASE + task);
  await visit(ward, 'task-phone');
  await ward.selectOption('#f-status', 'done');
  await ward.fill('#f-note', 'Đã tổ chức bốn buổi đối thoại ở các khu phố.');
  await Promise.all([ward.waitForNavigation(), ward.click(`form[action="${task}/progress"] button[type=submit]`)]);
  ok('the task is reported done', (await ward.textContent('main')).includes('Đã tổ chức bốn buổi đối thoại'));
  await ward.setInputFiles('input[type=file][name=file]', path.join(SHOTS, 'plan-phone.png'));
  await ward.fill('form[enctype="multipart/form-data"] input[name=caption]', 'Biên bản buổi đối thoại');
  await Promise.all([ward.waitForNavigation(), ward.click('form[enctype="multipart/form-data"] button[type=submit]')]);
  ok('the evidence is attached', (await ward.textContent('main')).includes('Biên bản buổi đối thoại'));
  await visit(ward, 'task-done-phone');
  await ward.goto(BASE + '/me');
  const me = await ward.textContent('main');
  ok('/me counts the overdue tasks', /\d+ nhiệm vụ quá hạn/.test(me));
  ok('/me counts the periodic reports', /\d+ báo cáo định kỳ/.test(me));
  await visit(ward, 'me-plans-phone');

  // an anonymous resident, on a phone: the published review and its PDF
  const anon = await (await browser.newContext(phone)).newPage();
  await anon.goto(BASE + city);
  await Promise.all([anon.waitForNavigation(), anon.click(`section.plans a[href="${review}"]`)]);
  ok('the unit page links the new review', new URL(anon.url()).pathname === review, anon.url());
  await visit(anon, 'review-public-phone');
  ok('the resident reads the narrative', (await anon.textContent('main')).includes(text));
  ok('and sees the link to the PDF',
     await anon.isVisible('a[href*="review"][href$=".pdf"]'));
  ok('and the conference', (await anon.textContent('section.conference')).includes('Hội trường Thành ủy Dĩ An'));
  ok('(no officer form)', (await anon.$('main form')) === null);
} finally {
  await browser.close();
}
finish();
