// Headless Chromium test of the reading controls and the calmer page
// (issue 18), run by tests/browser/reading.rs:
//   node tests/browser/reading.mjs <built bundled site dir> <artifacts dir>
// Term marking (first per section without script; all / first / off,
// remembered; kinds told apart by underline style; axe clean in each mode
// and theme), Chinese line breaking measured at 375 px on the issue's
// cases, concordance landings with and without script, the frequency
// chart's labels at 375 and 1280 px in both themes, the home page's
// arrangement, the contents and font size of long articles, and the small
// items (dark popover, phone masthead, ¶ tap target, heading scale, Q&A
// indent). Screenshots go to the artifacts dir; their paths are printed.
import { launchChromium } from "./chromium.mjs";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { serve } from "./static_server.mjs";

const [dir, artifacts] = process.argv.slice(2);
const PREFIX = "/repo/";
const PRESS = "articles/2025-nian-chong-qing-zen-yang-tui-jin/";
const ARTICLE = "articles/zai-gong-jian-tu-po-zhong-quan-li/";
const INTERVIEW = "articles/quan-mian-da-zao-xin-shi-dai-shi/";
const BRIEF = "articles/chong-qing-huan-jing-zi-yuan-fa-ting/";
const TERM = "glossary/liang-ge-que-li/";
const AXE = path.resolve("node_modules/axe-core/axe.min.js");
const WIDTHS = [375, 1280];
const SCHEMES = ["light", "dark"];

await mkdir(artifacts, { recursive: true });
const server = await serve(dir, PREFIX);
const browser = await launchChromium();
const problems = [];
const shots = [];
const figures = [];

async function open(rel, options = {}, context = null) {
  const ctx = context || await browser.newContext(options);
  const page = await ctx.newPage();
  page.on("console", (m) => { if (m.type() === "error") problems.push(`${rel}: console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`${rel}: page error: ${e.message}`));
  await page.goto(server.origin + PREFIX + rel);
  return page;
}

async function shot(page, name, opts = { fullPage: true }) {
  const file = path.join(artifacts, `reading-${name}.png`);
  await page.screenshot({ path: file, ...opts });
  shots.push(file);
}

async function axe(page, label) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  for (const v of result.violations) {
    const where = v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")}: ${n.failureSummary}`).join("\n    ");
    problems.push(`${label}: axe ${v.impact} ${v.id}: ${v.help}\n    ${where}`);
  }
}

// Counts in the article's own text: a hosted box printed after it keeps
// its terms as plain links to their pages whatever the marking.
const marks = (page) => page.evaluate(() => {
  const own = (sel) => [...document.querySelectorAll(sel)].filter((el) => !el.closest(".print-box")).length;
  return {
    links: own(".body a.term"),
    first: own(".body .term.t1"),
    firstLinks: own(".body a.term.t1"),
    all: own(".body .term[data-term]"),
  };
});

function overlaps(a, b) {
  return a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
}

try {
  // 1. Term marking.
  {
    const noJs = await open(ARTICLE, { javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const m = await marks(noJs);
    assert.ok(m.all > m.first && m.first > 0, `later occurrences are not links: ${JSON.stringify(m)}`);
    assert.equal(m.links, m.first, "without script, the first occurrence in each section is marked");
    assert.ok(await noJs.isVisible(".mark-legend"), "the legend is shown without script");
    assert.ok(!(await noJs.isVisible("#reader-controls")), "controls that need script are hidden without it");
    await noJs.context().close();

    for (const colorScheme of SCHEMES) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
      const page = await open(ARTICLE, {}, ctx);
      assert.ok(await page.isVisible("#reader-controls"), "controls shown with script");
      assert.equal((await marks(page)).links, m.first, "default is first occurrences");
      // Kinds differ by underline style, not colour alone.
      const styles = await page.$$eval(".body a.term", (as) => [...new Set(as.map((a) => [...a.classList].find((c) => c.startsWith("g-")) + ":" + getComputedStyle(a).textDecorationStyle))]);
      const byKind = Object.fromEntries(styles.map((s) => s.split(":")));
      assert.ok(Object.keys(byKind).length >= 2, `several kinds marked: ${styles}`);
      assert.equal(new Set(Object.values(byKind)).size, Object.keys(byKind).length, `one underline style per kind: ${styles}`);
      await shot(page, `article-first-1280-${colorScheme}`);
      await axe(page, `article marks=first ${colorScheme}`);
      await page.check("input[name=marks][value=all]");
      let now = await marks(page);
      assert.equal(now.links, now.all, "all: every occurrence is a link");
      // A term that was plain text opens its popover like any other.
      const later = await page.$(".body a.term:not(.t1)");
      await later.click();
      assert.ok(await page.isVisible("#gloss-tip"), "a newly marked term opens its gloss");
      await page.keyboard.press("Escape");
      await axe(page, `article marks=all ${colorScheme}`);
      // Remembered on the next article.
      const other = await open(PRESS, {}, ctx);
      now = await marks(other);
      assert.equal(now.links, now.all, "the choice is kept across pages");
      assert.ok(await other.isChecked("input[name=marks][value=all]"));
      await other.check("input[name=marks][value=off]");
      assert.equal((await marks(other)).links, 0, "off: no term is a link");
      await other.close();
      await page.reload();
      assert.equal((await marks(page)).links, 0, "off is kept too");
      await shot(page, `article-off-1280-${colorScheme}`);
      await axe(page, `article marks=off ${colorScheme}`);
      await ctx.close();
    }
    for (const colorScheme of SCHEMES) {
      const ctx = await browser.newContext({ viewport: { width: 375, height: 800 }, colorScheme, isMobile: true, hasTouch: true });
      const page = await open(ARTICLE, {}, ctx);
      await shot(page, `article-first-375-${colorScheme}`);
      await page.check("input[name=marks][value=off]");
      await shot(page, `article-off-375-${colorScheme}`);
      await ctx.close();
    }
  }

  // 2. Line breaking at 375 px: the cases never split inside.
  {
    const ctx = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const lines = (page, sel) => page.$$eval(sel, (els) => els.map((e) => ({ text: e.textContent, lines: new Set([...e.getClientRects()].map((r) => Math.round(r.top))).size })));
    for (const rel of [PRESS, ARTICLE, INTERVIEW, BRIEF]) {
      const page = await open(rel, {}, ctx);
      const runs = await lines(page, ".body .nb, .article-head time, .article-head .nb");
      assert.ok(runs.length > 0, `${rel}: runs kept whole`);
      for (const r of runs) assert.equal(r.lines, 1, `${rel}: 「${r.text}」 split over ${r.lines} lines`);
      const over = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(over, 0, `${rel}: nothing kept whole pushes the page sideways`);
      const align = await page.$eval(".body p", (p) => getComputedStyle(p).textAlign);
      assert.notEqual(align, "justify", "no justified text on a phone");
      await page.close();
    }
    for (const rel of [TERM, "glossary/san-gong-jian-yi-pan-huo/"]) {
      const term = await open(rel, {}, ctx);
      const over = await term.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(over, 0, `${rel}: no sideways scroll at 375 px`);
      await term.close();
    }
    const page = await open(PRESS, {}, ctx);
    const texts = await page.$$eval(".body .nb", (els) => els.map((e) => e.textContent));
    assert.ok(texts.includes("2月13日"), `a date is a run: ${texts}`);
    await page.close();
    const interview = await open(INTERVIEW, {}, ctx);
    assert.ok((await interview.$$eval(".subtitle .nb", (e) => e.map((x) => x.textContent))).includes("答记者问"));
    // Q&A: the answer's text starts right after its label, no space.
    const after = await interview.$eval(".qa-label", (l) => l.nextSibling.textContent[0]);
    assert.notEqual(after, " ", "no space after 问：");
    await interview.close();
    // Headings keep more than one character on their last line.
    const home = await open("", {}, ctx);
    const lastLine = await home.$eval("h1", (h) => {
      const range = document.createRange();
      const text = h.firstChild;
      const tops = [];
      for (let i = 0; i < text.length; i++) {
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        tops.push(Math.round(range.getBoundingClientRect().top));
      }
      const last = tops[tops.length - 1];
      return tops.filter((t) => t === last).length;
    });
    assert.ok(lastLine >= 2, `home h1 leaves ${lastLine} character(s) on its last line`);
    await home.close();
    await ctx.close();
  }

  // 3. Concordance landings, with and without script.
  const landings = [true, false].flatMap((js) => SCHEMES.flatMap((colorScheme) => WIDTHS.map((width) => ({ js, colorScheme, width }))));
  for (const { js, colorScheme, width } of landings) {
    {
      const ctx = await browser.newContext({ viewport: { width, height: 800 }, javaScriptEnabled: js, colorScheme });
      const page = await open(TERM, {}, ctx);
      const link = page.locator(".kwic a").nth(1);
      const keyword = await link.locator("mark").textContent();
      await Promise.all([page.waitForURL(/\/articles\//, { waitUntil: "load" }), link.click()]);
      // The browser's own fragment scroll may come a moment after load.
      for (let i = 0; i < 30 && (await page.evaluate(() => scrollY)) === 0; i++) await page.waitForTimeout(100);
      await page.waitForTimeout(200);
      const where = await page.evaluate(() => {
        // (With a text fragment matched, Chromium does not always set
        // :target; the paragraph is the one the URL names.)
        const t = document.getElementById(location.hash.slice(1));
        const m = document.querySelector("mark.landing");
        return {
          target: t && t.id,
          top: t && t.getBoundingClientRect().top,
          mark: m && { text: m.textContent, top: m.getBoundingClientRect().top },
          vh: innerHeight,
        };
      });
      assert.ok(where.target && /^p\d+$/.test(where.target), `lands on a paragraph: ${JSON.stringify(where)}`);
      if (js) {
        assert.equal(where.mark && where.mark.text, keyword, "the occurrence is marked");
        assert.ok(where.mark.top > where.vh * 0.2 && where.mark.top < where.vh * 0.7, `marked occurrence at a comfortable height: ${JSON.stringify(where)}`);
      } else {
        assert.ok(where.top > 40 && where.top < where.vh * 0.7, `paragraph not flush under the top edge: ${JSON.stringify(where)}`);
      }
      await shot(page, `landing-${width}-${colorScheme}-${js ? "js" : "nojs"}`, { fullPage: false });
      await ctx.close();
    }
  }

  // 4. The chart: labels legible, inside the chart, never overlapping;
  // the counts as a table.
  for (const width of WIDTHS) {
    for (const colorScheme of SCHEMES) {
      const page = await open(TERM, { viewport: { width, height: 900 }, colorScheme });
      const c = await page.$eval(".chart", (chart) => {
        const box = (e) => { const r = e.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom }; };
        return {
          chart: box(chart),
          labels: [...chart.querySelectorAll(".lbl, .n")].map((e) => ({ text: e.textContent, size: parseFloat(getComputedStyle(e).fontSize), ...box(e) })),
          rows: [...chart.querySelectorAll("table tr")].slice(1).map((r) => r.cells[1].textContent),
          bars: chart.querySelectorAll("rect").length,
        };
      });
      assert.ok(c.labels.length >= 2, "labels shown");
      for (const l of c.labels) {
        assert.ok(l.size >= 12, `label 「${l.text}」 ${l.size}px`);
        assert.ok(l.left >= c.chart.left - 0.5 && l.right <= c.chart.right + 0.5, `label 「${l.text}」 inside the chart at ${width}px`);
      }
      for (let i = 0; i < c.labels.length; i++) {
        for (let j = i + 1; j < c.labels.length; j++) {
          assert.ok(!overlaps(c.labels[i], c.labels[j]), `「${c.labels[i].text}」 and 「${c.labels[j].text}」 overlap at ${width}px`);
        }
      }
      assert.equal(c.rows.length, c.bars, "one table row per bar");
      const el = await page.$(".chart");
      await el.scrollIntoViewIfNeeded();
      const file = path.join(artifacts, `reading-chart-${width}-${colorScheme}.png`);
      await el.screenshot({ path: file });
      shots.push(file);
      figures.push(`chart ${width}px ${colorScheme}: ${c.labels.length} labels, smallest ${Math.min(...c.labels.map((l) => l.size))}px`);
      await page.context().close();
    }
  }

  // 5. Home page: screenshots; leads before briefs; the guide.
  for (const width of WIDTHS) {
    for (const colorScheme of SCHEMES) {
      const page = await open("", { viewport: { width, height: 900 }, colorScheme });
      const first = await page.$eval(".article-list li .title", (a) => a.getAttribute("href"));
      assert.ok(!first.includes("chong-qing-shi-di-yi-jie") && !first.includes("yu-wan-gao-tie"), `the home page opens on a lead, not ${first}`);
      assert.ok(await page.isVisible(".how-to-read"));
      assert.ok(await page.isVisible(".briefs"));
      await shot(page, `home-${width}-${colorScheme}`);
      await page.context().close();
    }
  }

  // 6. Contents and font size.
  {
    const wide = await open(PRESS, { viewport: { width: 1280, height: 900 } });
    const t = await wide.evaluate(() => {
      const toc = document.getElementById("toc");
      const r = toc.getBoundingClientRect();
      const body = document.querySelector(".body p").getBoundingClientRect();
      return { open: toc.open, right: r.right, textLeft: body.left, entries: toc.querySelectorAll("li").length };
    });
    assert.ok(t.open && t.entries >= 3, `contents open on a wide screen: ${JSON.stringify(t)}`);
    assert.ok(t.right < t.textLeft, `contents beside the text: ${JSON.stringify(t)}`);
    const before = await wide.$eval(".body p", (p) => parseFloat(getComputedStyle(p).fontSize));
    await wide.click("button[data-size='1']");
    const bigger = await wide.$eval(".body p", (p) => parseFloat(getComputedStyle(p).fontSize));
    assert.ok(bigger > before, `A+ enlarges the text: ${before} → ${bigger}`);
    const next = await open(ARTICLE, {}, wide.context());
    const kept = await next.$eval(".body p", (p) => parseFloat(getComputedStyle(p).fontSize));
    assert.equal(kept, bigger, "the size is kept across pages");
    await wide.context().close();
    const phone = await open(PRESS, { viewport: { width: 375, height: 800 } });
    assert.equal(await phone.$eval("#toc", (d) => d.open), false, "contents closed on a phone");
    await phone.context().close();
  }

  // 7. The small items.
  {
    const ctx = await browser.newContext({ viewport: { width: 375, height: 800 }, isMobile: true, hasTouch: true, colorScheme: "dark" });
    const page = await open(ARTICLE, {}, ctx);
    const head = await page.$eval(".masthead", (m) => m.getBoundingClientRect().height);
    assert.ok(head <= 100, `phone masthead ${head}px tall`);
    const hint = await page.$eval("#site-q", (i) => i.placeholder);
    assert.ok(!hint.includes("/"), `no keyboard hint on a phone: ${hint}`);
    const pn = await page.$eval(".pn", (a) => a.getBoundingClientRect());
    assert.ok(pn.width >= 40 && pn.height >= 40, `¶ tap target ${pn.width}×${pn.height}`);
    await page.tap(".body a.term");
    const tip = await page.$eval("#gloss-tip", (t) => ({ bg: getComputedStyle(t).backgroundColor, page: getComputedStyle(document.body).backgroundColor }));
    assert.notEqual(tip.bg, tip.page, "the dark popover stands off the page");
    figures.push(`phone masthead ${head}px; ¶ target ${pn.width}×${pn.height}px`);
    await ctx.close();
    const desk = await open(ARTICLE, { viewport: { width: 1280, height: 900 } });
    const hint2 = await desk.$eval("#site-q", (i) => i.placeholder);
    assert.ok(hint2.includes("/"), `the keyboard hint is kept where there is a keyboard: ${hint2}`);
    const sizes = await desk.evaluate(() => ({
      h1: parseFloat(getComputedStyle(document.querySelector("h1")).fontSize),
      h2: Math.max(...[...document.querySelectorAll("main h2")].map((h) => parseFloat(getComputedStyle(h).fontSize))),
    }));
    assert.ok(sizes.h1 >= sizes.h2 * 1.25, `h1 clearly above h2: ${JSON.stringify(sizes)}`);
    await desk.context().close();
  }
} catch (e) {
  problems.push(e.stack || String(e));
} finally {
  await browser.close();
  server.close();
}

console.log(figures.join("\n"));
console.log("screenshots:\n" + shots.join("\n"));
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
