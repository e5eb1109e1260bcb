// Headless Chromium test of the editorial apparatus (issue 17), run by
// tests/browser/apparatus.rs:
//   node tests/browser/apparatus.mjs <site built for a real base> <site built for a placeholder base> <artifacts dir>
// An emendation shows its printed reading and note on focus (keyboard or
// tap) and in print; an annotation sits in the margin beside its
// paragraph; "引用本文" opens two citations reached and copied with the
// keyboard alone; a ¶ number cites its paragraph with the quoted text;
// with a placeholder base_url the citation links the page's own address.
// axe-core finds nothing on the article with the panel open. Screenshots
// of each go to the artifacts directory.
import { launchChromium } from "./chromium.mjs";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { serve } from "./static_server.mjs";

const [realDir, placeholderDir, artifacts] = process.argv.slice(2);
const PREFIX = "/repo/";
const CANONICAL = "https://user.github.io/repo/";
const ARTICLE = "articles/zai-gong-jian-tu-po-zhong-quan-li/";
// An annotated article without a translation: in the 对照 view of a
// translated one the English takes the margin, and notes sit under their
// paragraph instead.
const ANNOTATED = "articles/2025-nian-chong-qing-zen-yang-tui-jin/";
const AXE = path.resolve("node_modules/axe-core/axe.min.js");

await mkdir(artifacts, { recursive: true });
const real = await serve(realDir, PREFIX);
const placeholder = await serve(placeholderDir, PREFIX);
const browser = await launchChromium();
const problems = [];
const shots = [];

async function open(srv, rel, options = {}) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    permissions: ["clipboard-read", "clipboard-write"],
    ...options,
  });
  const page = await context.newPage();
  page.on("console", (m) => { if (m.type() === "error") problems.push(`${rel}: console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`${rel}: page error: ${e.message}`));
  const response = await page.goto(srv.origin + PREFIX + rel);
  assert.equal(response.status(), 200);
  return page;
}

async function shot(page, name, locator) {
  const file = path.join(artifacts, `apparatus-${name}.png`);
  if (locator) await locator.screenshot({ path: file });
  else await page.screenshot({ path: file });
  shots.push(file);
}

try {
  // An emendation: focus (by keyboard) shows the printed reading and the
  // note; the mark is visible before that.
  {
    const page = await open(real, ARTICLE);
    const emend = page.locator('.emend[data-printed="止损损亏"]').first();
    const note = emend.locator(".emend-note");
    const clipped = await note.evaluate((n) => getComputedStyle(n).clipPath);
    assert.notEqual(clipped, "none", "the note waits until asked for");
    const mark = await emend.locator(".emend-text").evaluate((n) => getComputedStyle(n, "::after").content);
    assert.equal(mark, '"校"', "the correction is visibly marked");
    await emend.focus();
    assert.equal(await note.evaluate((n) => getComputedStyle(n).clipPath), "none", "focus shows the note");
    const box = await note.boundingBox();
    assert.ok(box.width > 100 && box.height > 10, `the note is a readable box: ${JSON.stringify(box)}`);
    assert.ok((await note.textContent()).startsWith("〔原文作“止损损亏”"));
    const para = page.locator("#p17");
    await page.evaluate(() => window.scrollBy(0, -120));
    await shot(page, "emendation-1280", null);
    // In print the note is part of the text, and the cite controls are not printed.
    await page.emulateMedia({ media: "print" });
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    const printed = await note.evaluate((n) => ({ pos: getComputedStyle(n).position, clip: getComputedStyle(n).clipPath }));
    assert.deepEqual(printed, { pos: "static", clip: "none" }, "the note is printed in the text");
    assert.ok(await page.isHidden(".cite-open"), "the cite button is not printed");
    assert.ok(!(await page.getAttribute("details.apparatus", "open")), "the block is closed on screen");
    assert.ok(await page.isVisible("details.apparatus dl"), "and printed open");
    await shot(page, "emendation-print", para);
    await page.context().close();
  }

  // Without JavaScript the note is still in the page, and shown on focus.
  {
    const page = await open(real, ARTICLE, { javaScriptEnabled: false });
    const emend = page.locator('.emend[data-printed="止损损亏"]').first();
    await emend.focus();
    assert.equal(await emend.locator(".emend-note").evaluate((n) => getComputedStyle(n).clipPath), "none");
    assert.ok(await page.isHidden(".cite-open"), "no cite button without JavaScript");
    await page.context().close();
  }

  // A tap on a phone opens the note too.
  {
    const page = await open(real, ARTICLE, { viewport: { width: 375, height: 800 }, hasTouch: true, isMobile: true });
    const emend = page.locator('.emend[data-printed="止损损亏"]').first();
    await emend.scrollIntoViewIfNeeded();
    await emend.locator(".emend-text").tap();
    assert.equal(await emend.locator(".emend-note").evaluate((n) => getComputedStyle(n).clipPath), "none", "a tap shows the note");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no sideways scrolling with the note open: ${overflow}`);
    await shot(page, "emendation-375", null);
    await page.context().close();
  }

  // A standing annotation: in the margin beside its paragraph.
  {
    const page = await open(real, ANNOTATED);
    const note = page.locator(".sidenote.annotation").first();
    const mark = page.locator("mark.annot-mark").first();
    const n = await note.boundingBox();
    const m = await mark.boundingBox();
    const body = await page.locator(".body").first().boundingBox();
    assert.ok(n.x >= body.x + body.width - 1, `the note is in the margin: ${JSON.stringify({ n, body })}`);
    assert.ok(Math.abs(n.y - m.y) < 400, "beside its passage");
    await mark.scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -200));
    await shot(page, "annotation-1280", null);
    await page.context().close();
  }

  // Search finds the emended paragraph under either reading.
  for (const q of ["止损治亏", "止损损亏"]) {
    const page = await open(real, "search/?q=" + encodeURIComponent(q));
    await page.waitForSelector("#search-results .result");
    await page.waitForSelector("#search-app:not([aria-busy])");
    const links = await page.$$eval("#search-results a", (as) => as.map((a) => a.getAttribute("href")));
    assert.ok(links.some((h) => h.includes(ARTICLE + "#p17")), `${q} finds ¶17: ${links.join(" ")}`);
    await page.context().close();
  }

  // Citing the article with the keyboard alone.
  {
    const page = await open(real, ARTICLE);
    const button = page.locator(".cite-open");
    assert.ok(await button.isVisible(), "the cite button is shown");
    await button.focus();
    await page.keyboard.press("Enter");
    await page.waitForSelector("#cite-panel:not([hidden])");
    assert.equal(await button.getAttribute("aria-expanded"), "true");
    const focused = await page.evaluate(() => document.activeElement.id);
    assert.equal(focused, "cite-gbt", "the Chinese citation has the focus");
    const gbt = await page.inputValue("#cite-gbt");
    const url = CANONICAL + ARTICLE;
    assert.match(gbt, /^周尤, 何春阳\. 在攻坚突破中全力开创现代化新重庆建设新局面\[N\/OL\]\. 重庆日报, 2023-12\[\d{4}-\d{2}-\d{2}\]\. /, gbt);
    assert.ok(gbt.endsWith(url + "."), gbt);
    // The selection is the whole citation: Ctrl+C copies it.
    await page.keyboard.press("Control+C");
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), gbt, "Ctrl+C copies the selected citation");
    // Tab to the copy button of the Chicago citation and press it.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "cite-chicago");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#cite-note", { state: "visible" });
    const chicago = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(chicago, /^周尤 and 何春阳\. “在攻坚突破中全力开创现代化新重庆建设新局面\.” 重庆日报, December 2023\. In 解读 · 重庆党建文本注释版\. Accessed [A-Z][a-z]+ \d+, \d{4}\. /, chicago);
    assert.ok(chicago.endsWith(url + "."), chicago);
    assert.ok((await page.textContent("#cite-note")).includes("已复制"));
    await page.addScriptTag({ path: AXE });
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    for (const v of result.violations) problems.push(`axe ${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    await shot(page, "citation-article-1280", null);
    await page.keyboard.press("Escape");
    await page.waitForSelector("#cite-panel", { state: "hidden" });
    assert.equal(await page.evaluate(() => document.activeElement.className), "cite-open", "Esc gives the focus back");
    await page.context().close();
  }

  // Citing a paragraph: its quoted text, its anchor; with a placeholder
  // base_url the link is the page's own address.
  for (const [srv, expectedBase] of [[real, CANONICAL], [placeholder, null]]) {
    const page = await open(srv, ARTICLE);
    await page.click('a.pn[href="#p17"]');
    await page.waitForSelector("#cite-panel:not([hidden])");
    const inPlace = await page.evaluate(() => document.getElementById("cite-panel").previousElementSibling.id);
    assert.equal(inPlace, "p17", "the panel opens under its paragraph");
    const base = expectedBase || srv.origin + PREFIX;
    const gbt = await page.inputValue("#cite-gbt");
    assert.ok(gbt.startsWith("“曾菁华表示，“三攻坚一盘活”的主战场是国资国企"), gbt);
    assert.ok(gbt.includes("止损治亏") && !gbt.includes("〔原文作"), "the quote reads the edition's text, without the apparatus");
    assert.ok(gbt.includes("”（第17段）\n"), gbt);
    assert.ok(gbt.endsWith(base + ARTICLE + "#p17."), `${gbt} should end with ${base}`);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, base + ARTICLE + "#p17", "the ¶ number still copies the paragraph's link");
    if (!expectedBase) {
      assert.ok(!gbt.includes("example.github.io"), "no dead placeholder link");
      await shot(page, "citation-paragraph-placeholder-1280", null);
    }
    await page.context().close();
  }
} finally {
  await browser.close();
  await real.close();
  await placeholder.close();
}

for (const s of shots) console.log(`screenshot: ${s}`);
if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log("apparatus: ok");
