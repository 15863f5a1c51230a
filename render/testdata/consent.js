// One Chromium for every exported consent-manager configuration: each case
// is a page of the loopback test server that loads the real
// vanilla-cookieconsent or Klaro with a policy's configuration in one
// language and sets cookies matching the names the policy declares.
// Driven by render/consent_browser_test.go, which writes the spec and reads
// the JSON report this prints on stdout.
const fs = require('fs');
const puppeteer = require('puppeteer-core');

const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));

// The page's own view of its cookies: DevTools' view may lag behind
// document.cookie writes.
const cookieNames = (page) => page.evaluate(() => document.cookie.split(/;\s*/).filter((c) => c).map((c) => c.split('=')[0]).sort());
const text = (page, sel) => page.$eval(sel, (e) => e.innerText).catch(() => null);
const texts = (page, sel) => page.$$eval(sel, (es) => es.map((e) => e.innerText.trim()));
// Every text the page shows under sel, one per text node, spaces collapsed:
// what a visitor reads.
const visibleTexts = (page, sel) => page.evaluate((sel) => {
  const out = [];
  for (const root of document.querySelectorAll(sel)) {
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const s = n.textContent.replace(/\s+/g, ' ').trim();
      if (s && n.parentElement.checkVisibility({ visibilityProperty: true })) out.push(s);
    }
  }
  return out;
}, sel);
const setCookies = (page, names) => page.evaluate((ns) => {
  for (const n of ns) document.cookie = n + '=1; path=/';
}, names);

(async () => {
  const browser = await puppeteer.launch({
    executablePath: spec.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const report = [];
  try {
    const page = await browser.newPage();
    const cdp = await page.target().createCDPSession();
    for (const c of spec.cases) {
      await cdp.send('Network.clearBrowserCookies');
      const r = { policy: c.policy, lang: c.lang, format: c.format, errors: [] };
      page.removeAllListeners('pageerror');
      page.on('pageerror', (e) => r.errors.push(String(e)));
      await page.goto(c.url, { waitUntil: 'load' });
      if (c.format === 'cookieconsent') {
        await page.waitForSelector('#cc-main .cm', { visible: true });
        r.title = await text(page, '#cc-main .cm__title');
        r.banner = await text(page, '#cc-main .cm__desc');
        r.buttons = await texts(page, '#cc-main .cm .cm__btn');
        await setCookies(page, c.cookies);
        r.beforeReject = await cookieNames(page);
        await page.click('#cc-main .cm [data-role="necessary"]');
        r.afterReject = await cookieNames(page);
        await page.evaluate(() => CookieConsent.acceptCategory('all'));
        await setCookies(page, c.cookies);
        r.afterAccept = await cookieNames(page);
        await page.evaluate(() => CookieConsent.acceptCategory([]));
        r.afterAcceptReject = await cookieNames(page);
        await page.evaluate(() => CookieConsent.showPreferences());
        await page.waitForSelector('#cc-main .pm', { visible: true });
        r.headers = [...new Set(await texts(page, '#cc-main .pm table thead th'))];
        r.modalNames = await texts(page, '#cc-main .pm table tbody tr td:first-child');
        r.modalTitle = await text(page, '#cc-main .pm__title');
      } else {
        await page.waitForSelector('.klaro .cookie-notice', { visible: true });
        r.visible = await visibleTexts(page, '.klaro');
        r.banner = await text(page, '.klaro .cookie-notice .cn-body p');
        r.buttons = await texts(page, '.klaro .cookie-notice .cn-buttons button, .klaro .cookie-notice .cn-learn-more');
        await setCookies(page, c.cookies);
        r.beforeReject = await cookieNames(page);
        await page.click('.klaro .cookie-notice .cm-btn-danger');
        r.afterReject = await cookieNames(page);
        await page.evaluate(() => { const m = klaro.getManager(); m.changeAll(true); m.saveAndApplyConsents(); });
        await setCookies(page, c.cookies);
        r.afterAccept = await cookieNames(page);
        await page.evaluate(() => { const m = klaro.getManager(); m.changeAll(false); m.saveAndApplyConsents(); });
        r.afterAcceptReject = await cookieNames(page);
        // The preferences, every purpose unfolded to its services.
        await page.evaluate(() => klaro.show());
        await page.waitForSelector('.klaro .cookie-modal', { visible: true });
        await page.$$eval('.klaro .cm-caret a', (as) => as.forEach((a) => a.click()));
        r.visible = r.visible.concat(await visibleTexts(page, '.klaro'));
        r.modalTitle = await text(page, '.klaro .cookie-modal .cm-header .title');
      }
      report.push(r);
    }
  } finally {
    await browser.close();
  }
  process.stdout.write(JSON.stringify(report));
})().catch((e) => { console.error(e); process.exit(1); });
