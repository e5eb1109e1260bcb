// Headless Chromium test of the reader's experience (issue 8), run by
// tests/reader_browser.rs:
//   node tests/browser/reader.mjs <built site dir> <artifacts dir>
// Each page type at 375 and 1280 px, light and dark: a full-page
// screenshot, no horizontal overflow, axe-core with no serious or critical
// violations. On an article: the keyboard alone reaches every glossary
// link and opens its popover, Esc closes it, a tap opens it; a click on a
// ¶ number copies the paragraph's absolute URL and says so; the print
// stylesheet hides the navigation. Fails on any console error or request
// leaving the local server.
import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { serve } from "./static_server.mjs";

const [dir, artifacts] = process.argv.slice(2);
const PREFIX = "/repo/";
const CANONICAL = "https://user.github.io/repo/";
const ARTICLE = "articles/zai-gong-jian-tu-po-zhong-quan-li/";
const PAGES = {
  home: "",
  article: ARTICLE,
  interview: "articles/quan-mian-da-zao-xin-shi-dai-shi/",
  term: "glossary/san-gong-jian-yi-pan-huo/",
  glossary: "glossary/",
  source: "sources/000_1eef88d04c1771e2/",
  people: "people/",
};
const WIDTHS = [375, 1280];
const SCHEMES = ["light", "dark"];
const AXE = path.resolve("node_modules/axe-core/axe.min.js");

await mkdir(artifacts, { recursive: true });
const server = await serve(dir, PREFIX);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const problems = [];
const screenshots = [];
const axeReport = [];

async function open(rel, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.on("console", (m) => { if (m.type() === "error") problems.push(`${rel}: console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`${rel}: page error: ${e.message}`));
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(server.origin + "/") && !u.startsWith("data:")) problems.push(`${rel}: outside request: ${u}`);
  });
  const response = await page.goto(server.origin + PREFIX + rel);
  assert.equal(response.status(), 200, `${rel} is served`);
  return page;
}

async function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

async function axe(page, label) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const all = result.violations.map((v) => `${v.id}(${v.impact}, ${v.nodes.length})`);
  axeReport.push(`${label}: ${bad.length} serious/critical${all.length ? "; all: " + all.join(", ") : ""}`);
  for (const v of bad) {
    const where = v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")}: ${n.failureSummary}`).join("\n    ");
    problems.push(`${label}: axe ${v.impact} ${v.id}: ${v.help}\n    ${where}`);
  }
}

try {
  // Every page type, both widths, both themes.
  for (const [name, rel] of Object.entries(PAGES)) {
    for (const width of WIDTHS) {
      for (const colorScheme of SCHEMES) {
        const label = `${name} ${width}px ${colorScheme}`;
        const page = await open(rel, { viewport: { width, height: 900 }, colorScheme });
        const over = await overflow(page);
        if (over > 0) problems.push(`${label}: horizontal overflow of ${over} px`);
        const file = path.join(artifacts, `reader-${name}-${width}-${colorScheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        screenshots.push(file);
        await axe(page, label);
        await page.context().close();
      }
    }
  }

  // Wide screens: the text column holds about 36–40 characters a line.
  {
    const page = await open(ARTICLE, { viewport: { width: 1280, height: 900 } });
    const chars = await page.$eval(".body p", (p) => {
      const size = parseFloat(getComputedStyle(p).fontSize);
      return p.clientWidth / size;
    });
    assert.ok(chars >= 36 && chars <= 40, `about 36–40 characters a line at 1280 px, got ${chars.toFixed(1)}`);
    const lh = await page.$eval(".body p", (p) => parseFloat(getComputedStyle(p).lineHeight) / parseFloat(getComputedStyle(p).fontSize));
    assert.ok(lh >= 1.7 && lh <= 1.9, `line height about 1.8, got ${lh}`);
    const em = await page.evaluate(() => {
      const e = document.createElement("em");
      e.textContent = "重点";
      document.querySelector(".body p").appendChild(e);
      return getComputedStyle(e).fontStyle;
    });
    assert.equal(em, "normal", "no faux italics on Chinese");
    console.log(`measure at 1280 px: ${chars.toFixed(1)} characters a line; line height ${lh.toFixed(2)}`);
    await page.context().close();
  }

  // Keyboard alone: Tab reaches every glossary link, each focus opens the
  // popover, Esc closes it and leaves focus on the term.
  {
    const page = await open(ARTICLE, { viewport: { width: 1280, height: 900 } });
    const terms = await page.$$eval("main a.term", (as) => as.length);
    assert.ok(terms > 0, "the article links glossary terms");
    let reached = 0;
    let opened = 0;
    for (let i = 0; i < 2000 && reached < terms; i++) {
      await page.keyboard.press("Tab");
      const state = await page.evaluate(() => {
        const a = document.activeElement;
        const tip = document.getElementById("gloss-tip");
        return { term: !!(a && a.matches("main a.term")), open: !!tip && !tip.hidden };
      });
      if (state.term) {
        reached++;
        if (state.open) opened++;
      }
    }
    assert.equal(reached, terms, `Tab reaches all ${terms} glossary links`);
    assert.equal(opened, terms, "focus opens the popover on every glossary link");
    await page.keyboard.press("Escape");
    await page.waitForSelector("#gloss-tip", { state: "hidden" });
    assert.ok(await page.evaluate(() => document.activeElement.matches("a.term")), "focus stays on the term after Esc");
    console.log(`keyboard: ${reached} glossary links reached by Tab, popover on each, Esc closes`);
    await page.context().close();
  }

  // A tap opens the popover (a click on a touch screen) inside the viewport.
  {
    const page = await open(ARTICLE, { viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });
    await page.tap("main a.term");
    await page.waitForSelector("#gloss-tip", { state: "visible" });
    const box = await page.$eval("#gloss-tip", (t) => {
      const r = t.getBoundingClientRect();
      return { left: r.left, right: r.right, width: document.documentElement.clientWidth };
    });
    assert.ok(box.left >= 0 && box.right <= box.width, `popover inside the viewport: ${JSON.stringify(box)}`);
    await page.keyboard.press("Escape");
    await page.waitForSelector("#gloss-tip", { state: "hidden" });
    await page.context().close();
  }

  // Cite this paragraph: the ¶ number copies the absolute URL and still
  // navigates to the paragraph.
  {
    const page = await open(ARTICLE, {
      viewport: { width: 1280, height: 900 },
      permissions: ["clipboard-read", "clipboard-write"],
    });
    await page.click('a.pn[href="#p2"]');
    await page.waitForSelector("#cite-note", { state: "visible" });
    const expected = CANONICAL + ARTICLE + "#p2";
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, expected, "the absolute paragraph URL is on the clipboard");
    const note = await page.textContent("#cite-note");
    assert.ok(note.includes("已复制") && note.includes(expected), `visible feedback: ${note}`);
    assert.equal(await page.getAttribute("#cite-note", "role"), "status");
    assert.ok(page.url().endsWith("#p2"), "the ¶ link still navigates");
    const file = path.join(artifacts, "reader-article-cite-1280-light.png");
    await page.screenshot({ path: file });
    screenshots.push(file);
    console.log(`cite: copied ${copied}`);
    await page.context().close();
  }

  // Without JavaScript the ¶ number is a plain link to the paragraph.
  {
    const page = await open(ARTICLE, { javaScriptEnabled: false });
    assert.equal(await page.getAttribute('a.pn[href="#p2"]', "href"), "#p2");
    await page.context().close();
  }

  // Source view: the article links to the first line of its range, and
  // arriving there marks the whole range; the range links back.
  {
    const page = await open(ARTICLE, { viewport: { width: 1280, height: 900 } });
    const href = await page.getAttribute(".article-head .source a", "href");
    await page.click(".article-head .source a");
    await page.waitForURL((u) => u.hash.startsWith("#L"));
    const first = Number(href.split("#L")[1]);
    const marks = await page.evaluate((n) => {
      const bg = (id) => getComputedStyle(document.getElementById(id)).backgroundColor;
      return { first: bg(`L${n}`), next: bg(`L${n + 1}`), before: bg(`L${n - 1}`) };
    }, first);
    assert.equal(marks.next, marks.first, `the whole range is marked: ${JSON.stringify(marks)}`);
    assert.notEqual(marks.before, marks.first, `lines before the range are not: ${JSON.stringify(marks)}`);
    const back = await page.getAttribute(`#L${first} a.range-link`, "href");
    assert.equal(back, PREFIX + ARTICLE, "the range links back to the article");
    const file = path.join(artifacts, "reader-source-range-1280-light.png");
    await page.screenshot({ path: file });
    screenshots.push(file);
    await page.context().close();
  }

  // Print: no navigation; the glosses are printed, compactly.
  {
    const page = await open(ARTICLE, { viewport: { width: 800, height: 1100 } });
    await page.emulateMedia({ media: "print" });
    for (const sel of [".masthead", ".crumbs", ".prevnext", ".colophon"]) {
      assert.ok(await page.isHidden(sel), `${sel} is not printed`);
    }
    assert.ok(await page.isVisible(".glosses"), "the glosses are printed");
    const cols = await page.$eval(".glosses", (g) => getComputedStyle(g).columnCount);
    assert.equal(cols, "2", "glosses printed in two columns");
    const file = path.join(artifacts, "reader-article-print.png");
    await page.screenshot({ path: file, fullPage: true });
    screenshots.push(file);
    await page.context().close();
  }

  await writeFile(path.join(artifacts, "reader-axe.txt"), axeReport.join("\n") + "\n");
  console.log("axe-core (serious/critical must be 0):\n  " + axeReport.join("\n  "));
  console.log(`screenshots (${screenshots.length}):\n  ` + screenshots.join("\n  "));
  assert.deepEqual(problems, [], problems.join("\n"));
  console.log("reader ok");
} finally {
  await browser.close();
  await server.close();
}
