// Hostile text in a real browser (issue 9), run by tests/browser/escaping.rs:
//   node tests/browser/hostile.mjs <built site dir>
// The edition holds an article whose title and paragraphs carry
// </script>, quotes and <img onerror=…> payloads that set
// window.__pwned. Search results, a hostile query, the term page and the
// article page must show that text as text: no element from it, nothing
// run, no page errors.
import { launchChromium } from "./chromium.mjs";
import assert from "node:assert/strict";
import { serve } from "./static_server.mjs";

const dir = process.argv[2];
const server = await serve(dir, "/repo/");
const browser = await launchChromium();
const problems = [];
const url = (p) => server.origin + "/repo/" + p;
const PAYLOAD = "<img src=x onerror=window.__pwned=1>";

async function open(p) {
  const page = await browser.newPage();
  page.on("pageerror", (e) => problems.push(`page error on ${p}: ${e.message}`));
  // An injected <img src=x> would request /repo/…/x: any such request is
  // a failure even if its handler never ran.
  page.on("request", (r) => { if (/\/x$/.test(new URL(r.url()).pathname)) problems.push(`injected request: ${r.url()}`); });
  await page.goto(url(p));
  return page;
}

async function inert(page, where) {
  const state = await page.evaluate(() => ({
    pwned: window.__pwned,
    imgs: Array.from(document.querySelectorAll("img")).map((i) => i.outerHTML),
    onerror: document.querySelectorAll("[onerror]").length,
  }));
  assert.deepEqual(state, { pwned: undefined, imgs: [], onerror: 0 }, where);
}

try {
  // Results for a word of the hostile paragraph: its title and snippet
  // are drawn as text.
  let page = await open("search/?q=" + encodeURIComponent("两个确立"));
  await page.waitForFunction(() => document.getElementById("search-app").getAttribute("data-query") === "两个确立");
  const text = await page.$eval("#search-results", (e) => e.textContent);
  assert.ok(text.includes(PAYLOAD), `the payload is shown as text: ${text}`);
  assert.ok(text.includes("</script>"), text);
  await inert(page, "search results");
  console.log("ok - hostile title and snippet in search results stay text");

  // A hostile query is shown back as text too.
  await page.goto(url("search/?q=" + encodeURIComponent(PAYLOAD + "两个确立")));
  await page.waitForFunction((q) => document.getElementById("search-app").getAttribute("data-query") === q, PAYLOAD + "两个确立");
  await inert(page, "hostile query");
  assert.equal(await page.$eval("#search-q", (e) => e.value), PAYLOAD + "两个确立");
  console.log("ok - a hostile query stays text");
  await page.close();

  for (const p of ["glossary/liang-ge-que-li/", "articles/hostile/", ""]) {
    page = await open(p);
    const body = await page.evaluate(() => document.body.textContent);
    assert.ok(body.includes(PAYLOAD), `${p || "home"} shows the payload as text`);
    await inert(page, p || "home");
    await page.close();
  }
  console.log("ok - term page (keyword in context), article and home stay inert");
  assert.deepEqual(problems, []);
} finally {
  await browser.close();
  server.close();
}
