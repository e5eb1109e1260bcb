// Headless Chromium test of a translated article (issue 19), run by
// tests/browser/translations.rs:
//   node tests/browser/bilingual.mjs <built fixture site dir> <artifacts dir>
// At 375 and 1280 px, in each of the three views (对照, 中文, English): a
// full-page screenshot, no horizontal overflow, axe-core with no
// violations at all. 对照 at 1280 px puts each English paragraph beside its
// Chinese one, tops aligned; at 375 px under it. 中文 hides the English,
// English hides the Chinese and shows what is not translated. The choice
// holds on the next page (localStorage); `?lang=en` opens the English; a
// ¶ link in the English view lands on the English paragraph; the English
// ¶ number cites the Chinese paragraph's URL; the glossary popover opens
// from the Chinese column; without JavaScript both languages show in
// order; search finds English words and links to the paragraph.
import { launchChromium } from "./chromium.mjs";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { serve } from "./static_server.mjs";

const [dir, artifacts] = process.argv.slice(2);
const PREFIX = "/repo/";
const ARTICLE = "articles/qing-lian/";
const AXE = path.resolve("node_modules/axe-core/axe.min.js");
const MODES = { both: "对照", zh: "中文", en: "English" };

await mkdir(artifacts, { recursive: true });
const server = await serve(dir, PREFIX);
const browser = await launchChromium();
const problems = [];
const screenshots = [];

async function open(context, rel) {
  const page = await context.newPage();
  page.on("console", (m) => { if (m.type() === "error") problems.push(`${rel}: console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`${rel}: page error: ${e.message}`));
  page.on("request", (r) => {
    if (!r.url().startsWith(server.origin + "/")) problems.push(`${rel}: outside request: ${r.url()}`);
  });
  const response = await page.goto(server.origin + PREFIX + rel);
  assert.equal(response.status(), 200, `${rel} is served`);
  return page;
}

async function axe(page, label) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  for (const v of result.violations) {
    const where = v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")}: ${n.failureSummary}`).join("\n    ");
    problems.push(`${label}: axe ${v.impact} ${v.id}: ${v.help}\n    ${where}`);
  }
  return result.violations.length;
}

// Boxes of the Chinese and English of paragraph n (null when hidden).
async function pair(page, n) {
  return page.evaluate((n) => {
    const box = (id) => {
      const el = document.getElementById(id);
      if (!el || el.offsetParent === null) return null;
      const r = el.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    };
    return { zh: box(`p${n}`), en: box(`p${n}-en`) };
  }, n);
}

const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

try {
  const report = [];
  for (const width of [375, 1280]) {
    for (const [mode, label] of Object.entries(MODES)) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await open(context, ARTICLE);
      await page.waitForSelector(".lang-switch:not([hidden])");
      await page.getByRole("button", { name: label, exact: true }).click();
      assert.equal(await page.getAttribute(".body", "data-read"), mode);
      assert.equal(await page.getAttribute(`.lang-switch button[data-read="${mode}"]`, "aria-pressed"), "true");
      const where = `${mode} ${width}px`;
      const p1 = await pair(page, 1);
      const p3 = await pair(page, 3);
      const p4 = await pair(page, 4);
      if (mode === "both") {
        assert.ok(p1.zh && p1.en && p3.zh && p3.en, `both languages shown at ${where}`);
        assert.equal(p4.en, null, `the untranslated placeholder takes no room at ${where}`);
        for (const p of [p1, p3]) {
          if (width === 1280) {
            assert.ok(p.en.left >= p.zh.right, `English beside the Chinese at ${where}: ${JSON.stringify(p)}`);
            assert.ok(Math.abs(p.en.top - p.zh.top) <= 1, `the pair aligned at the top at ${where}: ${JSON.stringify(p)}`);
          } else {
            assert.ok(p.en.top >= p.zh.bottom - 1, `English under the Chinese at ${where}: ${JSON.stringify(p)}`);
          }
        }
        // The next pair starts below the taller of the two.
        const p2 = await pair(page, 2);
        assert.ok(p2.zh.top >= Math.max(p1.zh.bottom, p1.en.bottom) - 1, `pairs do not overlap at ${where}`);
      } else if (mode === "zh") {
        assert.ok(p1.zh && p3.zh && !p1.en && !p3.en, `only Chinese at ${where}`);
      } else {
        // ¶3 has a sidenote, which lays its block out differently.
        assert.ok(!p1.zh && !p3.zh && !p4.zh && p1.en && p3.en && p4.en, `only English, and what is untranslated, at ${where}`);
      }
      const over = await overflow(page);
      if (over > 0) problems.push(`${where}: horizontal overflow of ${over} px`);
      const file = path.join(artifacts, `bilingual-${mode}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      screenshots.push(file);
      report.push(`${where}: axe violations ${await axe(page, where)}`);
      await context.close();
    }
  }

  // The choice holds across pages; ?lang= chooses too.
  {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    let page = await open(context, ARTICLE);
    await page.getByRole("button", { name: "English", exact: true }).click();
    await page.close();
    page = await open(context, ARTICLE);
    await page.waitForSelector(".lang-switch:not([hidden])");
    assert.equal(await page.getAttribute(".body", "data-read"), "en", "English remembered on the next visit");
    await page.close();
    page = await open(context, ARTICLE + "?lang=zh");
    await page.waitForSelector(".lang-switch:not([hidden])");
    assert.equal(await page.getAttribute(".body", "data-read"), "zh", "?lang=zh opens the Chinese");
    await context.close();
  }
  {
    const context = await browser.newContext({ viewport: { width: 375, height: 700 } });
    const page = await open(context, ARTICLE + "?lang=en#p3");
    await page.waitForSelector(".blk-en.landed");
    assert.equal(await page.getAttribute(".blk-en.landed", "id"), "p3-en", "#p3 lands on its English in the English view");
    const top = await page.$eval("#p3-en", (e) => e.getBoundingClientRect().top);
    assert.ok(top >= -1 && top < 700, `the English ¶3 is in view (top ${top})`);
    // The English ¶ number cites the paragraph's URL, the same as the Chinese.
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.click("#p3-en .pn");
    await page.waitForSelector("#cite-note:not([hidden])");
    const note = await page.textContent("#cite-note");
    assert.ok(note.includes("https://user.github.io/repo/articles/qing-lian/#p3"), note);
    await context.close();
  }

  // The glossary works in the Chinese column beside the English.
  {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await open(context, ARTICLE);
    await page.click("#p1 a.term");
    await page.waitForSelector("#gloss-tip", { state: "visible" });
    assert.ok((await page.textContent("#gloss-tip")).includes("两个确立"));
    report.push(`popover open beside the English: axe violations ${await axe(page, "popover 1280px")}`);
    const file = path.join(artifacts, "bilingual-gloss-1280.png");
    await page.screenshot({ path: file });
    screenshots.push(file);
    await context.close();
  }

  // Without JavaScript: both languages, in order, and no control.
  {
    const context = await browser.newContext({ viewport: { width: 375, height: 900 }, javaScriptEnabled: false });
    const page = await open(context, ARTICLE);
    assert.ok(await page.isHidden(".lang-switch"), "no control without JavaScript");
    const p1 = await pair(page, 1);
    assert.ok(p1.zh && p1.en && p1.en.top >= p1.zh.bottom - 1, `both, in order, without JavaScript: ${JSON.stringify(p1)}`);
    const file = path.join(artifacts, "bilingual-nojs-375.png");
    await page.screenshot({ path: file, fullPage: true });
    screenshots.push(file);
    await context.close();
  }

  // Search finds the English and lands on the paragraph.
  {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await open(context, "search/?q=" + encodeURIComponent("Corruption-free"));
    await page.waitForSelector("#search-app:not([aria-busy]) #search-results .result");
    const hrefs = await page.$$eval("#search-results .result a", (as) => as.map((a) => a.getAttribute("href")));
    assert.ok(hrefs.some((h) => h.endsWith("articles/qing-lian/#p3")), `a result links to ¶3: ${hrefs}`);
    await context.close();
  }

  console.log("bilingual:\n  " + report.join("\n  "));
  console.log(`screenshots (${screenshots.length}):\n  ` + screenshots.join("\n  "));
  assert.deepEqual(problems, [], problems.join("\n"));
  console.log("bilingual ok");
} finally {
  await browser.close();
  await server.close();
}
