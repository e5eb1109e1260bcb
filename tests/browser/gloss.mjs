// Headless Chromium test of the in-text glosses (issue 4), run by
// tests/gloss_browser.rs:
//   node tests/browser/gloss.mjs <built site dir> <article path> <term id>
// Hover, keyboard focus and tap show the term's definition in a popover
// that stays inside the viewport; Esc closes it and returns focus to the
// term; with JavaScript disabled the definition is still on the page.
// Fails on any console error or request leaving the local server.
import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import { serve } from "./static_server.mjs";

const [dir, article, term] = process.argv.slice(2);
const server = await serve(dir, "/repo/");
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const problems = [];
const url = server.origin + "/repo/" + article;

async function open(options) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(server.origin + "/") && !u.startsWith("data:")) problems.push(`outside request: ${u}`);
  });
  await page.goto(url);
  return page;
}

const link = `a.term[data-term="${term}"]`;
const tip = "#gloss-tip";

async function definition(page) {
  return page.$eval(`#gloss-${term} dd`, (dd) => dd.firstChild.textContent.trim());
}

async function insideViewport(page) {
  const box = await page.$eval(tip, (t) => {
    const r = t.getBoundingClientRect();
    return { left: r.left, right: r.right, width: document.documentElement.clientWidth };
  });
  assert.ok(box.left >= 0 && box.right <= box.width, `popover inside the viewport: ${JSON.stringify(box)}`);
}

try {
  // Hover, desktop.
  let page = await open({ viewport: { width: 1280, height: 900 } });
  const def = await definition(page);
  assert.ok(def.length > 0, "the article lists the definition");
  assert.ok(await page.isHidden(tip), "no popover before interaction");
  await page.hover(link);
  await page.waitForSelector(tip, { state: "visible" });
  const shown = await page.textContent(tip);
  assert.ok(shown.includes(def), `popover shows the definition: ${shown}`);
  assert.equal(await page.getAttribute(tip, "role"), "tooltip");
  await insideViewport(page);
  await page.mouse.move(5, 5);
  await page.waitForSelector(tip, { state: "hidden" });

  // Keyboard focus, Esc, focus returns.
  await page.focus(link);
  await page.waitForSelector(tip, { state: "visible" });
  await page.keyboard.press("Escape");
  await page.waitForSelector(tip, { state: "hidden" });
  const focused = await page.evaluate(() => document.activeElement?.dataset?.term);
  assert.equal(focused, term, "focus returns to the term");
  const described = await page.getAttribute(link, "aria-describedby");
  assert.equal(described, `gloss-${term}`, "the link names its definition");

  // Tap on a phone: the first tap shows the gloss instead of navigating.
  page = await open({ viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });
  await page.tap(link);
  await page.waitForSelector(tip, { state: "visible" });
  assert.equal(page.url(), url, "first tap does not navigate");
  await insideViewport(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling at 375 px (${overflow} px)`);

  // Without JavaScript the definition is still readable on the page.
  page = await open({ javaScriptEnabled: false });
  assert.equal(await definition(page), def);
  assert.ok((await page.getAttribute(link, "href")).endsWith(`/glossary/${term}/`));

  assert.deepEqual(problems, [], problems.join("\n"));
  console.log(`gloss popover ok on ${article} for ${term}`);
} finally {
  await browser.close();
  server.close();
}
