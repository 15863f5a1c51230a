// inspect.cjs JOB.json: renders Markdown files with markdown-it (raw HTML
// allowed, as Eleventy does), then opens every page of the job in one
// Chromium and reports, per page, what ran and what it links to.
//
// Job: {"chromium": path, "markdownIt": [{"md": file, "html": file}],
//       "pages": [file], "out": file}
// Result, per page: {"file", "calls": [...], "requests": [...],
//       "dangerous": [...], "links": [absolute href]}
"use strict";
const fs = require("fs");
const path = require("path");
const MarkdownIt = require("markdown-it");
const puppeteer = require("puppeteer-core");

const job = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));

const md = new MarkdownIt({ html: true });
for (const m of job.markdownIt || []) {
  let src = fs.readFileSync(m.md, "utf8");
  src = src.replace(/^---\n[\s\S]*?\n---\n/, "");
  fs.writeFileSync(m.html, '<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body>' + md.render(src) + "</body></html>");
}

// What a page of policy text must never contain: elements that run script,
// load or embed a resource, or send a form; any on* attribute; any
// attribute that loads a URL.
function inspect() {
  const bad = [];
  const tags = new Set(["SCRIPT", "IFRAME", "FRAME", "FRAMESET", "OBJECT", "EMBED", "APPLET", "BASE", "FORM", "META",
    "IMG", "SVG", "MATH", "VIDEO", "AUDIO", "SOURCE", "TRACK", "STYLE", "LINK", "INPUT", "TEXTAREA", "BUTTON",
    "SELECT", "MARQUEE", "PORTAL", "PICTURE", "CANVAS", "TEMPLATE", "NOSCRIPT", "XMP", "PLAINTEXT"]);
  const allowedMeta = (el) => el.tagName === "META" && el.getAttribute("charset") !== null && el.attributes.length === 1;
  for (const el of document.querySelectorAll("*")) {
    if (tags.has(el.tagName.toUpperCase()) && !allowedMeta(el)) bad.push("<" + el.tagName.toLowerCase() + ">");
    for (const a of el.attributes) {
      const n = a.name.toLowerCase();
      const styleLoads = n === "style" && /url|expression|javascript|@import/i.test(a.value);
      if (n.startsWith("on") || styleLoads || ["src", "srcset", "srcdoc", "action", "formaction", "data", "xlink:href", "background", "poster", "ping", "target"].includes(n)) {
        bad.push(el.tagName.toLowerCase() + "[" + n + "]");
      }
    }
  }
  const links = [];
  for (const a of document.querySelectorAll("a[href], area[href]")) links.push(a.href);
  return { dangerous: bad, links };
}

(async () => {
  const browser = await puppeteer.launch({
    executablePath: job.chromium,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  // A few tabs at once: a page spends most of its time waiting on the
  // browser, not on a core.
  const results = [];
  const queue = job.pages.slice();
  async function worker() {
    const page = await browser.newPage();
    await page.evaluateOnNewDocument(() => {
      window.__calls = [];
      for (const f of ["alert", "confirm", "prompt", "print", "open", "eval"]) {
        const name = f;
        try {
          Object.defineProperty(window, name, { value: (...a) => { window.__calls.push(name + "(" + a.join(",") + ")"); }, configurable: false });
        } catch (e) {}
      }
    });
    let requests = [];
    let current = "";
    await page.setRequestInterception(true);
    page.on("request", (req) => {
      if (req.url() === current) {
        req.continue();
      } else {
        requests.push(req.url());
        req.abort();
      }
    });
    page.on("dialog", async (d) => { requests.push("dialog:" + d.message()); await d.dismiss(); });
    for (let file; (file = queue.shift()) !== undefined; ) {
      requests = [];
      current = "file://" + path.resolve(file);
      await page.goto(current, { waitUntil: "load" });
      // Let error and load handlers of aborted resources run.
      await new Promise((r) => setTimeout(r, 10));
      const calls = await page.evaluate(() => window.__calls || []);
      const found = await page.evaluate(inspect);
      results.push({ file, calls, requests, dangerous: found.dangerous, links: found.links });
    }
  }
  try {
    await Promise.all([worker(), worker(), worker(), worker()]);
  } finally {
    await browser.close();
  }
  fs.writeFileSync(job.out, JSON.stringify(results));
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
