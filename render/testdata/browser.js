// One Chromium for every page: each page is loaded at each width, checked
// with axe-core (WCAG 2.0/2.1 A and AA, and WCAG 2.2 AA, which is target
// size) and measured for sideways scrolling; with a screenshot folder it
// also saves a full-page PNG of the pages asked for. Driven by
// render/browser_test.go, which writes the spec and reads the JSON report
// this prints on stdout.
const fs = require('fs');
const path = require('path');
const puppeteer = require('puppeteer-core');

const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const axeTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

(async () => {
  const browser = await puppeteer.launch({
    executablePath: spec.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--allow-file-access-from-files'],
  });
  const page = await browser.newPage();
  const report = [];
  for (const p of spec.pages) {
    for (const width of spec.widths) {
      await page.setViewport({ width, height: 800 });
      await page.goto('file://' + p.file, { waitUntil: 'load' });
      const r = { page: p.name, width, violations: [] };
      if (spec.axeWidths.includes(width)) {
        await page.addScriptTag({ path: spec.axe });
        r.violations = await page.evaluate(async (tags) => {
          const res = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
          return res.violations.map((v) => ({
            id: v.id,
            help: v.help,
            nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ': ' + n.failureSummary.split('\n').slice(1, 2).join('').trim()),
            count: v.nodes.length,
          }));
        }, axeTags);
      }
      const m = await page.evaluate(() => {
        // The widest elements, to say what overflows.
        const vw = window.innerWidth;
        const wide = [];
        for (const el of document.querySelectorAll('body *')) {
          const b = el.getBoundingClientRect();
          if (b.right > vw + 0.5 && wide.length < 5) {
            wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '') + ' right=' + Math.round(b.right));
          }
        }
        return { scrollWidth: document.documentElement.scrollWidth, innerWidth: vw, wide };
      });
      Object.assign(r, m);
      if (spec.screenshots && p.screenshot) {
        const file = path.join(spec.screenshots, p.screenshot + '-' + width + '.png');
        await page.screenshot({ path: file, fullPage: p.fullPage !== false });
        r.screenshot = file;
      }
      report.push(r);
    }
  }
  await browser.close();
  process.stdout.write(JSON.stringify(report));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
