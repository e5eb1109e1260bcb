// Browser benchmark of /search/ (figures, not a test). Serves a built site
// under /repo/ with tests/browser/static_server.mjs and drives headless
// Chromium through playwright-core:
//
//   jiedu synth 10000 ed && jiedu build --root ed --out site --base-url https://x.test/repo/
//   node benches/search_browser.mjs site [rounds]
//
// Times are the page's own (performance.now() in search.js), from the
// moment the query was entered to the results drawn: "first" when the
// glossary entries and ranked article titles are drawn, "full" when every
// snippet is in. Modes, each with an empty HTTP cache (a new browser
// context) unless said otherwise:
//   url    open /search/?q=… ; the time counts from the script reading ?q=,
//          so it includes loading meta.json and articles.json; "nav" is
//          the same end point counted from navigation start;
//   typed  open /search/, wait until the index head and article table are
//          in, type one query (its shards and text chunks not yet loaded);
//   next   in one context, type every query in turn: each new query's
//          shards are mostly not loaded yet;
//   warm   the same query again (everything cached).
// Prints median and p95 per mode, the index bytes a cold typed query
// fetched, and the "fetch floor": one uncached fetch of a small file, the
// least any cold query costs on this machine and server.
import { launchChromium } from "../tests/browser/chromium.mjs";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const [dir, roundsArg] = process.argv.slice(2);
if (!dir) {
  console.error("usage: node benches/search_browser.mjs <built site> [rounds]");
  process.exit(2);
}
const rounds = Number(roundsArg || 2);
const QUERIES = [
  "两个确立", "三攻坚一盘活", "清廉", "33618", "陈全", "发展", "Two Establishes",
  "高质量发展 新时代", "liangge queli", "全面从严治党", "乡村振兴", "数字重庆",
];
// The server runs in its own process, so that its event loop does not
// share a thread with the one driving the browser.
const serverUrl = new URL("../tests/browser/static_server.mjs", import.meta.url);
const child = spawn(process.execPath, ["--input-type=module", "-e",
  `import { serve } from ${JSON.stringify(serverUrl.href)};
   const s = await serve(${JSON.stringify(dir)}, "/repo/");
   console.log(s.origin);`], { stdio: ["ignore", "pipe", "inherit"] });
const origin = await new Promise((ok) => child.stdout.once("data", (d) => ok(String(d).trim())));
const server = { origin, close: () => child.kill() };
const browser = await launchChromium();

async function result(page, q) {
  await page.waitForFunction((q) => document.getElementById("search-app").getAttribute("data-query") === q, q, { timeout: 60000 });
  return page.evaluate(() => {
    const app = document.getElementById("search-app");
    return { first: Number(app.getAttribute("data-ms-first")), full: Number(app.getAttribute("data-ms")), nav: Number(app.getAttribute("data-at")) };
  });
}

async function type(page, q) {
  await page.evaluate((q) => {
    const input = document.getElementById("search-q");
    document.getElementById("search-app").removeAttribute("data-query");
    input.value = q;
    input.dispatchEvent(new Event("input"));
  }, q);
  return result(page, q);
}

// The index files fetched since the last call, from the page's resource
// timing (asking the browser for bodies would load it while it measures).
function indexBytes(page) {
  return page.evaluate(() => {
    const got = performance.getEntriesByType("resource").filter((e) => /\/search\/(p|t)\//.test(e.name));
    performance.clearResourceTimings();
    return { files: got.length, bytes: got.reduce((n, e) => n + e.decodedBodySize, 0) };
  });
}

// The floor under any cold query: one uncached fetch of a small file
// (static/search-key.js) from this server into this browser.
async function floor(page) {
  return page.evaluate(async () => {
    const t = performance.now();
    await (await fetch(new URL("../static/search-key.js", location.href), { cache: "no-store" })).text();
    return performance.now() - t;
  });
}

const samples = { url: [], typed: [], next: [], warm: [] };
const perQuery = {};
const floors = [];
const fetched = [];
for (let round = 0; round < rounds; round++) {
  for (const q of QUERIES) {
    let ctx = await browser.newContext();
    let page = await ctx.newPage();
    await page.goto(`${server.origin}/repo/search/?q=${encodeURIComponent(q)}`);
    samples.url.push(await result(page, q));
    await ctx.close();

    ctx = await browser.newContext();
    page = await ctx.newPage();
    await page.goto(`${server.origin}/repo/search/`);
    await page.waitForSelector("#search-app[data-ready]", { timeout: 60000 });
    floors.push(await floor(page));
    await indexBytes(page);
    const typed = await type(page, q);
    samples.typed.push(typed);
    (perQuery[q] ||= []).push(typed);
    const got = await indexBytes(page);
    if (round === 0) fetched.push({ q, files: got.files, kb: Math.round(got.bytes / 1024) });
    for (let i = 0; i < 3; i++) samples.warm.push(await type(page, q));
    await ctx.close();
  }
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(`${server.origin}/repo/search/`);
  await page.waitForSelector("#search-app[data-ready]", { timeout: 60000 });
  for (const q of QUERIES) samples.next.push(await type(page, q));
  await ctx.close();
}
await browser.close();
server.close();

function pct(list, p) {
  const s = [...list].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}
const rows = {};
for (const [mode, list] of Object.entries(samples)) {
  for (const field of ["first", "full", ...(mode === "url" ? ["nav"] : [])]) {
    const v = list.map((s) => s[field]);
    rows[`${mode} ${field}`] = { n: v.length, median: +pct(v, 50).toFixed(1), p95: +pct(v, 95).toFixed(1), max: +Math.max(...v).toFixed(1) };
  }
}
console.log(`queries: ${QUERIES.join(" | ")}; rounds: ${rounds}; times in ms`);
rows["fetch floor"] = { n: floors.length, median: +pct(floors, 50).toFixed(1), p95: +pct(floors, 95).toFixed(1), max: +Math.max(...floors).toFixed(1) };
console.table(rows);
console.log("index files a cold typed query fetched (shards p/ and text chunks t/, uncompressed):");
console.table(fetched);
console.log("typed into a freshly loaded page, per query (ms, median over rounds):");
console.table(Object.fromEntries(Object.entries(perQuery).map(([q, list]) =>
  [q, { first: +pct(list.map((s) => s.first), 50).toFixed(1), full: +pct(list.map((s) => s.full), 50).toFixed(1) }])));
