// Headless Chromium test of /search/ (issue 6), run by tests/browser/search.rs:
//   node tests/browser/search.mjs <built site dir>
// The site is built for https://user.github.io/repo/ and served under
// /repo/ on 127.0.0.1, so the test also proves sub-path support. Fails on
// any console error, page error, failed request or request leaving the
// local server.
import { launchChromium } from "./chromium.mjs";
import assert from "node:assert/strict";
import { serve } from "./static_server.mjs";

const dir = process.argv[2];
const server = await serve(dir, "/repo/");
const browser = await launchChromium();
const problems = [];
const outside = [];

async function newPage() {
  const page = await browser.newPage();
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()} (${m.location().url})`); });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => {
    // Chromium fetches the favicon after the page loads and cancels the
    // fetch when the test navigates on at once; that is not a site error.
    const aborted = r.failure()?.errorText === "net::ERR_ABORTED";
    if (!(aborted && r.url().endsWith("/favicon.svg"))) problems.push(`request failed: ${r.url()}`);
  });
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(server.origin + "/") && !u.startsWith("data:")) outside.push(u);
  });
  return page;
}

const url = (p) => server.origin + "/repo/" + p;

async function results(page) {
  return page.$$eval(".result-list > li", (items) => items.map((li) => ({
    kind: li.classList.contains("result-term") ? "term" : "article",
    href: li.querySelector("a.result-link").getAttribute("href"),
    text: li.querySelector("a.result-link").textContent,
    marks: Array.from(li.querySelectorAll("mark"), (m) => m.textContent),
    snippets: Array.from(li.querySelectorAll(".snippet"), (a) => a.getAttribute("href")),
  })));
}

async function waitForQuery(page, q) {
  await page.waitForFunction((q) => document.getElementById("search-app").getAttribute("data-query") === q, q);
}

try {
  const page = await newPage();
  // 1. A shared link: /search/?q=两个确立.
  await page.goto(url("search/?q=" + encodeURIComponent("两个确立")));
  await waitForQuery(page, "两个确立");
  let r = await results(page);
  assert.deepEqual(r[0], {
    kind: "term", href: "/repo/glossary/liang-ge-que-li/", text: "两个确立", marks: [], snippets: [],
  });
  const articles = r.filter((x) => x.kind === "article");
  assert.deepEqual(articles.map((a) => a.href), ["/repo/articles/a-que-li/", "/repo/articles/b-guo-qi/"]);
  assert.deepEqual(articles[0].snippets, ["/repo/articles/a-que-li/#p1", "/repo/articles/a-que-li/#p2"]);
  assert.ok(articles[0].marks.every((m) => m === "两个确立") && articles[0].marks.length >= 3);
  console.log("ok - ?q=两个确立 shows the term, then two articles with snippets");

  // 2. Typing a new query updates the results and the URL.
  await page.fill("#search-q", "");
  await page.type("#search-q", "三攻坚一盘活", { delay: 20 });
  await waitForQuery(page, "三攻坚一盘活");
  r = await results(page);
  assert.equal(r[0].href, "/repo/glossary/san-gong-jian-yi-pan-huo/");
  assert.deepEqual(r.filter((x) => x.kind === "article").map((a) => a.snippets),
    [["/repo/articles/b-guo-qi/#p1", "/repo/articles/b-guo-qi/#p2"]]);
  assert.equal(new URL(page.url()).searchParams.get("q"), "三攻坚一盘活");
  assert.equal(new URL(page.url()).pathname, "/repo/search/");
  console.log("ok - typing 三攻坚一盘活 updates results and ?q=");

  // 3. Arrow keys walk the results; Enter follows a link.
  await page.focus("#search-q");
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("href")), "/repo/glossary/san-gong-jian-yi-pan-huo/");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("href")), "/repo/articles/b-guo-qi/#p1");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  assert.equal(await page.evaluate(() => document.activeElement.id), "search-q");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await Promise.all([page.waitForURL(/b-guo-qi\/#p1$/), page.keyboard.press("Enter")]);
  console.log("ok - arrow keys and Enter move through results");

  // 4. Markup in the text stays text.
  await page.goto(url("search/?q=script"));
  await waitForQuery(page, "script");
  assert.equal(await page.$$eval("#search-results script", (s) => s.length), 0);
  assert.ok((await page.textContent("#search-results")).includes("<script>alert(1)</script>"));
  console.log("ok - text from the edition is drawn as text");

  // 5. "/" focuses the header box on an article page, but not while typing.
  const article = await newPage();
  await article.goto(url("articles/a-que-li/"));
  await article.keyboard.press("/");
  assert.equal(await article.evaluate(() => document.activeElement.id), "site-q");
  await article.keyboard.type("陈全/");
  assert.equal(await article.inputValue("#site-q"), "陈全/");
  await Promise.all([article.waitForURL(/\/repo\/search\/\?q=/), article.keyboard.press("Enter")]);
  await waitForQuery(article, "陈全/");
  console.log("ok - / focuses the search box; the header form opens /search/?q=");

  // 6. Timing as the page measures it (fetches included on first use).
  const ms = [];
  for (const q of ["两个确立", "清廉", "33618", "Two Establishes"]) {
    await page.fill("#search-q", q);
    await waitForQuery(page, q);
    ms.push(Number(await page.getAttribute("#search-app", "data-ms")));
  }
  console.log(`ok - query times in the page (ms): ${ms.join(", ")}`);

  // Opens the search page with every text chunk request held until the
  // returned function is called.
  async function holdingText(page) {
    let release;
    const held = new Promise((ok) => { release = ok; });
    await page.route("**/search/t/*.json", async (route) => { await held; await route.continue(); });
    await page.goto(url("search/"));
    await page.waitForSelector("#search-app[data-ready]");
    return release;
  }

  // 7. A slogan is answered by one postings shard, snippets included; a
  // word with no text in the shards has its ranked titles drawn before any
  // paragraph text arrives: text chunks are held back until the first
  // draw has been seen.
  const slow = await newPage();
  const release = await holdingText(slow);
  const before = server.requests.length;
  await slow.fill("#search-q", "三攻坚一盘活");
  await waitForQuery(slow, "三攻坚一盘活");
  let first = await results(slow);
  assert.deepEqual(first.filter((x) => x.kind === "article").map((a) => [a.href, a.snippets]),
    [["/repo/articles/b-guo-qi/", ["/repo/articles/b-guo-qi/#p1", "/repo/articles/b-guo-qi/#p2"]]]);
  const asked = server.requests.slice(before);
  assert.equal(asked.filter((u) => u.includes("/search/p/")).length, 1, `one postings shard for a slogan: ${asked}`);
  assert.equal(asked.filter((u) => u.includes("/search/t/")).length, 0, `no text chunk for a slogan: ${asked}`);
  await slow.fill("#search-q", "确立");
  await slow.waitForFunction(() => document.querySelector("#search-status").textContent === "正在载入摘录…");
  first = await results(slow);
  assert.ok(first.some((x) => x.kind === "article"));
  assert.ok(first.filter((x) => x.kind === "article").every((a) => a.snippets.length === 0));
  release();
  await waitForQuery(slow, "确立");
  first = await results(slow);
  assert.ok(first.filter((x) => x.kind === "article").every((a) => a.snippets.length > 0));
  await slow.close();
  console.log("ok - a slogan needs one shard and no text; other titles are drawn before their snippets");

  // 7b. A phrase that is no glossary form: its titles are drawn from the
  // postings, marked as still being checked, before the text arrives.
  const checking = await newPage();
  const releaseText = await holdingText(checking);
  await checking.fill("#search-q", "再次强调");
  await checking.waitForSelector(".result-article");
  assert.equal(await checking.textContent("#search-status"), "正在核对原文…");
  assert.deepEqual((await results(checking)).filter((x) => x.kind === "article").map((a) => a.href),
    ["/repo/articles/a-que-li/"]);
  releaseText();
  await waitForQuery(checking, "再次强调");
  const checked = (await results(checking)).filter((x) => x.kind === "article");
  assert.deepEqual(checked.map((a) => [a.href, a.snippets.length]), [["/repo/articles/a-que-li/", 1]]);
  assert.match(await checking.textContent("#search-status"), /文章 1 篇/);
  await checking.close();
  console.log("ok - a phrase's titles are drawn while its text is checked");

  // 8. Without JavaScript the page says so and links the glossary.
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const nojs = await ctx.newPage();
  await nojs.goto(url("search/?q=x"));
  const msg = await nojs.textContent(".search-noscript");
  assert.ok(msg.includes("需要启用 JavaScript"), msg);
  assert.equal(await nojs.getAttribute(".search-noscript a", "href"), "/repo/glossary/");
  await ctx.close();
  console.log("ok - the noscript message links the glossary");

  assert.deepEqual(outside, [], "requests outside the local server");
  assert.deepEqual(problems, []);
  const stray = server.requests.filter((u) => !u.startsWith("/repo/"));
  assert.deepEqual(stray, [], "requests outside the sub-path");
  console.log(`ok - ${server.requests.length} requests, all under /repo/ on the local server; no console errors`);
} finally {
  await browser.close();
  await server.close();
}
