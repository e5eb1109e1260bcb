// Headless Chromium test of the reader's experience (issue 8), run by
// tests/browser/reader.rs:
//   node tests/browser/reader.mjs <built site dir> <artifacts dir> <footnote fixture site dir>
// Each page type (home, two articles, a term, the glossary, a source, the
// people index, the search page empty and with a query's results, the 404
// page) at 375 and 1280 px, light and dark: a full-page screenshot, no
// horizontal overflow, axe-core with no violations at all. On an article:
// the keyboard alone reaches every glossary link, opens its popover and
// reaches the popover's own link, Esc closes it, a tap opens it; a click on
// a ¶ number copies the paragraph's absolute URL and says so; the print
// stylesheet hides the navigation. On the footnote fixture: sidenotes sit
// in the margin beside their paragraph on wide screens and under it on
// narrow ones, never over the text or each other. Fails on any console
// error or request leaving the local server.
import { launchChromium } from "./chromium.mjs";
import assert from "node:assert/strict";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { serve } from "./static_server.mjs";

const [dir, artifacts, notesDir] = process.argv.slice(2);
const PREFIX = "/repo/";
const CANONICAL = "https://user.github.io/repo/";
const ARTICLE = "articles/zai-gong-jian-tu-po-zhong-quan-li/";
const QUERY = "两个确立";
// Each page type; `ready` waits for what the page's script shows, and
// `status` is what the server must answer.
const PAGES = {
  home: { rel: "" },
  article: { rel: ARTICLE },
  interview: { rel: "articles/quan-mian-da-zao-xin-shi-dai-shi/" },
  term: { rel: "glossary/san-gong-jian-yi-pan-huo/" },
  glossary: { rel: "glossary/" },
  source: { rel: "sources/000_1eef88d04c1771e2/" },
  people: { rel: "people/" },
  search: { rel: "search/", ready: searchReady(false) },
  "search-results": { rel: "search/?q=" + encodeURIComponent(QUERY), ready: searchReady(true) },
  404: { rel: "no-such-page/", status: 404 },
};

// The search page is ready when its script has shown the search box and,
// for a query, results that include the glossary entry and articles.
function searchReady(withQuery) {
  return async (page) => {
    await page.waitForSelector("#search-app:not([hidden])");
    if (!withQuery) return;
    await page.waitForSelector("#search-results .result-term");
    await page.waitForSelector("#search-app:not([aria-busy])");
    const found = await page.$$eval("#search-results .result", (rs) => rs.map((r) => r.textContent));
    assert.ok(found.some((t) => t.includes(QUERY)), `results for ${QUERY}: ${found.length}`);
    assert.ok(await page.$("#search-results mark"), "the match is marked in a snippet");
  };
}
const WIDTHS = [375, 1280];
const SCHEMES = ["light", "dark"];
const AXE = path.resolve("node_modules/axe-core/axe.min.js");

await mkdir(artifacts, { recursive: true });
const server = await serve(dir, PREFIX);
const browser = await launchChromium();
const problems = [];
const screenshots = [];
const axeReport = [];

async function open(rel, options = {}, status = 200, srv = server) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const url = srv.origin + PREFIX + rel;
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    // Chromium logs the 404 status of the 404 page itself as an error;
    // that one is expected, any other is not.
    const own = status === 404 && m.location().url === url && m.text().includes("404");
    if (!own) problems.push(`${rel}: console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`${rel}: page error: ${e.message}`));
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(srv.origin + "/") && !u.startsWith("data:")) problems.push(`${rel}: outside request: ${u}`);
  });
  const response = await page.goto(url);
  assert.equal(response.status(), status, `${rel} is served with ${status}`);
  return page;
}

const NOTES_ARTICLE = "articles/zhu-shi/";

// Every sidenote with the box of the paragraph that refers to it, the text
// column (the article body) and the top of the block after it.
async function sidenoteBoxes(page) {
  return page.$$eval(".sidenote", (notes) => notes.map((note) => {
    const box = (el) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    };
    const n = note.id.replace("fn-", "");
    const ref = document.querySelector(`.fnref a[href="#fn-${n}"]`);
    const para = ref.closest(".blk > :not(.pn):not(.sidenotes)");
    const blk = para.closest(".blk");
    const next = blk.nextElementSibling;
    return {
      n,
      note: box(note),
      para: box(para),
      column: box(document.querySelector(".body")),
      lineHeight: parseFloat(getComputedStyle(para).lineHeight),
      nextBlock: next ? next.getBoundingClientRect().top : null,
      viewport: document.documentElement.clientWidth,
    };
  }));
}

async function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

async function axe(page, label) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  // The bar is no violation at any level, stricter than the issue's "no
  // serious or critical"; the report still counts those apart.
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const all = result.violations.map((v) => `${v.id}(${v.impact}, ${v.nodes.length})`);
  axeReport.push(`${label}: ${bad.length} serious/critical, ${all.length} in all${all.length ? ": " + all.join(", ") : ""}`);
  for (const v of result.violations) {
    const where = v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")}: ${n.failureSummary}`).join("\n    ");
    problems.push(`${label}: axe ${v.impact} ${v.id}: ${v.help}\n    ${where}`);
  }
}

try {
  // Every page type, both widths, both themes.
  for (const [name, { rel, status = 200, ready }] of Object.entries(PAGES)) {
    for (const width of WIDTHS) {
      for (const colorScheme of SCHEMES) {
        const label = `${name} ${width}px ${colorScheme}`;
        const page = await open(rel, { viewport: { width, height: 900 }, colorScheme }, status);
        if (ready) await ready(page);
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
  // popover, the next Tab reaches the popover's own link to the term page;
  // Esc closes it and leaves focus on the term.
  {
    const page = await open(ARTICLE, { viewport: { width: 1280, height: 900 } });
    const terms = await page.$$eval("main a.term", (as) => as.length);
    assert.ok(terms > 0, "the article links glossary terms");
    let reached = 0;
    let opened = 0;
    let entered = 0;
    let lastTerm = null;
    for (let i = 0; i < 4000 && reached < terms; i++) {
      await page.keyboard.press("Tab");
      const state = await page.evaluate(() => {
        const a = document.activeElement;
        const tip = document.getElementById("gloss-tip");
        return {
          term: a && a.matches("main a.term") ? a.getAttribute("href") : null,
          inTip: !!(a && tip && tip.contains(a)),
          href: a && a.getAttribute("href"),
          open: !!tip && !tip.hidden,
        };
      });
      if (state.term) {
        reached++;
        if (state.open) opened++;
        lastTerm = state.term;
      } else if (state.inTip && state.href === lastTerm) {
        entered++;
      }
    }
    assert.equal(reached, terms, `Tab reaches all ${terms} glossary links`);
    assert.equal(opened, terms, "focus opens the popover on every glossary link");
    assert.equal(entered, terms - 1, "Tab reaches the popover's link after every term but the last, where the loop stops");
    await page.keyboard.press("Tab");
    assert.ok(await page.evaluate(() => document.getElementById("gloss-tip").contains(document.activeElement)), "and after the last one too");
    await page.keyboard.press("Escape");
    await page.waitForSelector("#gloss-tip", { state: "hidden" });
    assert.ok(await page.evaluate(() => document.activeElement.matches("a.term")), "focus goes back to the term after Esc");
    console.log(`keyboard: ${reached} glossary links reached by Tab, popover on each, its link reached by Tab, Esc closes`);
    await page.context().close();
  }

  // A click opens the popover without navigating; axe checks the page
  // with the popover open (a non-modal dialog with a link), both themes.
  for (const colorScheme of SCHEMES) {
    const page = await open(ARTICLE, { viewport: { width: 1280, height: 900 }, colorScheme });
    await page.click("main a.term");
    await page.waitForSelector("#gloss-tip", { state: "visible" });
    assert.equal(page.url(), server.origin + PREFIX + ARTICLE, "a click opens the popover, it does not navigate");
    await axe(page, `article with popover open 1280px ${colorScheme}`);
    const file = path.join(artifacts, `reader-article-gloss-1280-${colorScheme}.png`);
    await page.screenshot({ path: file });
    screenshots.push(file);
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
    assert.ok(await overflow(page) <= 0, "the open popover makes nothing scroll sideways");
    const file = path.join(artifacts, "reader-article-gloss-375-light.png");
    await page.screenshot({ path: file });
    screenshots.push(file);
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
    // The source line range is in the collapsed 编者说明 block (issue 17).
    await page.click(".apparatus summary");
    const link = '.apparatus a[href*="/sources/"]';
    const href = await page.getAttribute(link, "href");
    await page.click(link);
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

  // Sidenotes (the footnote fixture): in the margin beside their
  // paragraph from 1100 px on, under it below that.
  {
    const notes = await serve(notesDir, PREFIX);
    try {
      for (const width of [375, 1024, 1100, 1280, 1440]) {
        const page = await open(NOTES_ARTICLE, { viewport: { width, height: 900 } }, 200, notes);
        const boxes = await sidenoteBoxes(page);
        assert.ok(boxes.length >= 3, `the fixture has sidenotes: ${boxes.length}`);
        const wide = width >= 1100;
        for (const [i, b] of boxes.entries()) {
          const where = `${width}px, note ${b.n}: ${JSON.stringify(b)}`;
          assert.ok(b.note.left >= 0 && b.note.right <= b.viewport, `inside the viewport at ${where}`);
          if (wide) {
            assert.ok(b.note.left >= b.column.right + 8, `in the margin, clear of the text column, at ${where}`);
            assert.ok(Math.abs(b.note.top - b.para.top) <= 0.5 * b.lineHeight, `beside its paragraph's first line at ${where}`);
            const next = boxes[i + 1];
            if (next) assert.ok(next.note.top >= b.note.bottom, `above the next sidenote, not over it, at ${where}`);
          } else {
            assert.ok(b.note.top >= b.para.bottom - 1, `under its paragraph at ${where}`);
            assert.ok(b.note.left >= b.column.left - 1 && b.note.right <= b.column.right + 1, `within the text column at ${where}`);
            if (b.nextBlock !== null) assert.ok(b.nextBlock >= b.note.bottom, `before the next paragraph at ${where}`);
          }
        }
        const over = await overflow(page);
        if (over > 0) problems.push(`sidenotes ${width}px: horizontal overflow of ${over} px`);
        if (width === 375 || width === 1280) {
          await axe(page, `sidenotes ${width}px light`);
          const file = path.join(artifacts, `reader-sidenotes-${width}-light.png`);
          await page.screenshot({ path: file, fullPage: true });
          screenshots.push(file);
        }
        const b = boxes[0];
        console.log(`sidenotes at ${width}px: ${wide ? "margin" : "below"}; note 1 at x ${b.note.left.toFixed(0)}–${b.note.right.toFixed(0)}, y ${b.note.top.toFixed(0)}; its paragraph x ${b.para.left.toFixed(0)}–${b.para.right.toFixed(0)}, y ${b.para.top.toFixed(0)}–${b.para.bottom.toFixed(0)}`);
        await page.context().close();
      }
      // A page (not an article) keeps its note under the text at any width.
      for (const width of [375, 1280]) {
        const page = await open("shuo-ming/", { viewport: { width, height: 900 } }, 200, notes);
        const box = await page.$eval(".sidenote", (n) => {
          const r = n.getBoundingClientRect();
          const p = document.querySelector(".fnref").closest("p").getBoundingClientRect();
          return { left: r.left, right: r.right, top: r.top, paraBottom: p.bottom, viewport: document.documentElement.clientWidth };
        });
        assert.ok(box.left >= 0 && box.right <= box.viewport && box.top >= box.paraBottom - 1, `a page's note is under its text at ${width}px: ${JSON.stringify(box)}`);
        assert.ok(await overflow(page) <= 0, `a page with a note does not scroll sideways at ${width}px`);
        await page.context().close();
      }
    } finally {
      await notes.close();
    }
  }

  await writeFile(path.join(artifacts, "reader-axe.txt"), axeReport.join("\n") + "\n");
  console.log("axe-core (every count must be 0):\n  " + axeReport.join("\n  "));
  console.log(`screenshots (${screenshots.length}):\n  ` + screenshots.join("\n  "));
  assert.deepEqual(problems, [], problems.join("\n"));
  console.log("reader ok");
} finally {
  await browser.close();
  await server.close();
}
