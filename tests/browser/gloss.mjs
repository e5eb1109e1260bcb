// Headless Chromium test of the in-text glosses (issues 4 and 8), run by
// tests/browser/gloss.rs:
//   node tests/browser/gloss.mjs <built site dir> <article path> <term id>
// Hover, keyboard focus, a mouse click and a tap show the term's
// definition in a popover that stays inside the viewport. A click or tap
// opens it without navigating; a second one, or the popover's own link,
// goes to the term page; Ctrl-click and middle click open the term page in
// a new tab. The keyboard reaches the popover's link (Tab), leaves it (Tab
// closes it) and closes it with Esc, focus back on the term. The ARIA is
// that of a non-modal dialog opened by the term link. With JavaScript
// disabled the term is a plain link and its definition is on the page.
// Fails on any console error or request leaving the local server.
import { launchChromium } from "./chromium.mjs";
import assert from "node:assert/strict";
import { serve } from "./static_server.mjs";

const [dir, article, term] = process.argv.slice(2);
const server = await serve(dir, "/repo/");
const browser = await launchChromium();
const problems = [];
const url = server.origin + "/repo/" + article;

// `clock`: the page's timers run only when the test says so, so the hover
// grace period is passed deterministically rather than waited out.
async function open(options, clock = false) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  if (clock) await page.clock.install();
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(server.origin + "/") && !u.startsWith("data:")) problems.push(`outside request: ${u}`);
  });
  await page.goto(url);
  return page;
}

const termUrl = () => server.origin + "/repo/glossary/" + term + "/";
const active = (page) => page.evaluate(() => {
  const a = document.activeElement;
  return { term: a?.dataset?.term || null, inTip: !!a?.closest("#gloss-tip"), href: a?.href || null };
});

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
  // Hover, desktop: a preview that goes away when the mouse does.
  let page = await open({ viewport: { width: 1280, height: 900 } }, true);
  const def = await definition(page);
  assert.ok(def.length > 0, "the article lists the definition");
  assert.ok(await page.isHidden(tip), "no popover before interaction");
  assert.equal(await page.getAttribute(link, "aria-haspopup"), "dialog");
  assert.equal(await page.getAttribute(link, "aria-expanded"), "false");
  assert.equal(await page.getAttribute(link, "aria-controls"), "gloss-tip");
  await page.hover(link);
  await page.waitForSelector(tip, { state: "visible" });
  const shown = await page.textContent(tip);
  assert.ok(shown.includes(def), `popover shows the definition: ${shown}`);
  assert.equal(await page.getAttribute(tip, "role"), "dialog", "a popover with a link is a (non-modal) dialog, not a tooltip");
  assert.equal(await page.getAttribute(tip, "aria-modal"), null);
  const name = await page.$eval(tip, (t) => document.getElementById(t.getAttribute("aria-labelledby"))?.textContent);
  assert.ok(name && name.length > 0 && shown.startsWith(name), `the dialog is named by its term: ${name}`);
  assert.equal(await page.getAttribute(link, "aria-expanded"), "true");
  await insideViewport(page);
  await page.mouse.move(5, 5);
  await page.clock.runFor(1000);
  assert.ok(await page.isHidden(tip), "the hover preview goes when the mouse does");
  assert.equal(await page.getAttribute(link, "aria-expanded"), "false");

  // A mouse click opens the gloss and keeps it open; it does not navigate.
  await page.click(link);
  await page.waitForSelector(tip, { state: "visible" });
  assert.equal(page.url(), url, "a click opens the popover instead of navigating");
  await page.mouse.move(5, 5);
  await page.clock.runFor(1000); // past the hover grace period
  assert.ok(await page.isVisible(tip), "a clicked-open gloss stays when the mouse leaves");
  const more = `${tip} a.gloss-more`;
  assert.equal(await page.getAttribute(more, "href"), await page.getAttribute(link, "href"));
  const label = await page.textContent(more);
  assert.ok(label.includes("术语页") && label.includes(name), `the popover's link says where it goes: ${label}`);
  await insideViewport(page);
  // A click elsewhere closes it.
  await page.click("h1");
  await page.waitForSelector(tip, { state: "hidden" });
  // The popover's link goes to the term page.
  await page.click(link);
  await page.waitForSelector(tip, { state: "visible" });
  await Promise.all([page.waitForURL(termUrl()), page.click(more)]);
  // A second click on the same term goes to the term page too.
  page = await open({ viewport: { width: 1280, height: 900 } });
  await page.click(link);
  await page.waitForSelector(tip, { state: "visible" });
  assert.equal(page.url(), url);
  await Promise.all([page.waitForURL(termUrl()), page.click(link)]);

  // Ctrl-click and middle click open the term page in a new tab and leave
  // this one where it was.
  for (const how of [{ modifiers: ["Control"] }, { button: "middle" }]) {
    page = await open({ viewport: { width: 1280, height: 900 } });
    const [tab] = await Promise.all([page.context().waitForEvent("page"), page.click(link, how)]);
    await tab.waitForLoadState();
    assert.equal(tab.url(), termUrl(), `${JSON.stringify(how)} opens the term page in a new tab`);
    assert.equal(page.url(), url, `${JSON.stringify(how)} leaves the article open`);
  }

  // Keyboard: focus opens the gloss; Tab enters it, Shift+Tab returns to
  // the term; Esc inside the popover closes it with focus on the term.
  await page.focus(link);
  await page.waitForSelector(tip, { state: "visible" });
  await page.keyboard.press("Tab");
  let at = await active(page);
  assert.ok(at.inTip && at.href === termUrl(), `Tab moves into the popover, onto its link: ${JSON.stringify(at)}`);
  assert.ok(await page.isVisible(tip));
  await page.keyboard.press("Shift+Tab");
  at = await active(page);
  assert.equal(at.term, term, "Shift+Tab goes back to the term");
  assert.ok(await page.isVisible(tip), "and the gloss stays open");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Escape");
  await page.waitForSelector(tip, { state: "hidden" });
  at = await active(page);
  assert.equal(at.term, term, "Esc in the popover returns focus to the term");
  assert.equal(await page.getAttribute(link, "aria-expanded"), "false");
  const described = await page.getAttribute(link, "aria-describedby");
  assert.equal(described, `gloss-${term}`, "the link names its definition");
  // Tab past the popover's link closes it (or hands it to the next term).
  await page.evaluate(() => document.activeElement.blur());
  await page.focus(link);
  await page.waitForSelector(tip, { state: "visible" });
  await page.keyboard.press("Tab");
  at = await active(page);
  assert.ok(at.inTip, "Tab enters the popover");
  await page.keyboard.press("Tab");
  at = await active(page);
  assert.ok(!at.inTip && at.term !== term, `Tab leaves the popover: ${JSON.stringify(at)}`);
  const after = await page.evaluate((t) => ({
    hidden: document.getElementById("gloss-tip").hidden,
    owner: document.querySelector('a.term[aria-expanded="true"]')?.dataset.term || null,
    expanded: document.querySelector(`a.term[data-term="${t}"]`).getAttribute("aria-expanded"),
  }), term);
  assert.equal(after.expanded, "false", "the term's popover is closed after Tab leaves it");
  assert.ok(after.hidden ? after.owner === null : after.owner === at.term, `an open popover now belongs to the focused term: ${JSON.stringify({ after, at })}`);
  // Enter on a focused term follows the link, as on any link.
  await page.focus(link);
  await Promise.all([page.waitForURL(termUrl()), page.keyboard.press("Enter")]);

  // Tap on a phone: the first tap shows the gloss instead of navigating;
  // the second follows the link.
  page = await open({ viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });
  await page.tap(link);
  await page.waitForSelector(tip, { state: "visible" });
  assert.equal(page.url(), url, "first tap does not navigate");
  await insideViewport(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling at 375 px (${overflow} px)`);
  await Promise.all([page.waitForURL(termUrl()), page.tap(link)]);

  // Without JavaScript the term is a plain link and the definition is
  // still readable on the page.
  page = await open({ javaScriptEnabled: false });
  assert.equal(await definition(page), def);
  assert.ok((await page.getAttribute(link, "href")).endsWith(`/glossary/${term}/`));
  assert.equal(await page.getAttribute(link, "aria-expanded"), null, "no popup promised without the script");
  await Promise.all([page.waitForURL(termUrl()), page.click(link)]);

  assert.deepEqual(problems, [], problems.join("\n"));
  console.log(`gloss popover ok on ${article} for ${term}`);
} finally {
  await browser.close();
  server.close();
}
