// Browser benchmark of /search/ (not a test): serves a built site under
// /repo/ and times queries as the page measures them (performance.now()
// from the query to the drawn results, fetches included).
//   node tests/browser/search_bench.mjs <site dir> [query…]
// For each query: "cold" in a fresh browser context (nothing cached but
// meta.json, which the page loads before the reader types), then "warm"
// (the same query again: shards and chunks cached), and the index files
// the cold query fetched.
import { chromium } from "playwright-core";
import { serve } from "./static_server.mjs";

const [dir, ...args] = process.argv.slice(2);
const queries = args.length ? args : ["两个确立", "三攻坚一盘活", "清廉", "33618", "陈全", "发展", "Two Establishes", "高质量发展 新时代"];
const server = await serve(dir, "/repo/");
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});

async function timed(page, q) {
  await page.evaluate((q) => {
    const input = document.getElementById("search-q");
    input.value = q;
    input.dispatchEvent(new Event("input"));
  }, q);
  await page.waitForFunction((q) => document.getElementById("search-app").getAttribute("data-query") === q, q, { timeout: 60000 });
  return Number(await page.getAttribute("#search-app", "data-ms"));
}

const rows = [];
for (const q of queries) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const fetched = [];
  page.on("response", async (r) => {
    if (r.url().includes("/search/p/") || r.url().includes("/search/t/")) {
      fetched.push((await r.body()).length);
    }
  });
  await page.goto(server.origin + "/repo/search/");
  await page.waitForSelector("#search-app[data-ready]", { timeout: 60000 });
  const cold = await timed(page, q);
  const warm = [];
  for (let i = 0; i < 5; i++) {
    await page.evaluate(() => { document.getElementById("search-app").removeAttribute("data-query"); });
    warm.push(await timed(page, q));
  }
  warm.sort((a, b) => a - b);
  const status = await page.textContent("#search-status");
  rows.push({ q, cold, warm: warm[2], files: fetched.length, kb: Math.round(fetched.reduce((a, b) => a + b, 0) / 1024), status });
  await ctx.close();
}
console.table(rows);
await browser.close();
await server.close();
