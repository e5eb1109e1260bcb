// Tests of templates/static/search-core.js under `node --test`: the pure
// functions always, and whole searches against a built index when
// JIEDU_SEARCH_SITE names one (tests/site/search.rs builds the fixture of
// tests/support/search.rs and sets it).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";
import path from "node:path";

const require = createRequire(import.meta.url);
const S = require("../../templates/static/search-core.js");

test("tokens agree with the Rust tokeniser", () => {
  assert.deepEqual(S.tokens("两个确立"), ["两", "个", "确", "立", "两个", "个确", "确立"]);
  assert.deepEqual(S.tokens("“33618”体系"), ["33618", "体", "系", "体系"]);
  assert.deepEqual(S.tokens("ＧＤＰ增长"), ["gdp", "增", "长", "增长"]);
  assert.deepEqual(S.tokens("CAR-T"), ["car", "t"]);
  assert.deepEqual(S.tokens("清，廉"), ["清", "廉"]);
});

test("a query needs only its bigrams, or its single character", () => {
  assert.deepEqual(S.queryTokens("两个确立"), ["两个", "个确", "确立"]);
  assert.deepEqual(S.queryTokens("清"), ["清"]);
  assert.deepEqual(S.queryTokens("GDP增长"), ["gdp", "增长"]);
});

test("FNV-1a agrees with the Rust token_hash", () => {
  assert.equal(S.hash(""), 0x811c9dc5);
  assert.equal(S.hash("a"), 0xe40c292c);
  assert.equal(S.hash("确立"), 0x2a176440);
  assert.equal(S.hash("33618"), 0xe20bd846);
});

test("normalize keeps offsets, fold drops tones and spaces", () => {
  assert.equal(S.normalize("ＡＢ１２，Ab两"), "ab12,ab两");
  assert.equal(S.fold("liǎng gè quèlì"), "lianggequeli");
  assert.equal(S.fold("Two Establishes"), "twoestablishes");
});

test("postings decode, intersect and merge", () => {
  assert.deepEqual(S.decode([3, 1, 6, 1]), [3, 4, 10, 11]);
  assert.deepEqual(S.intersect([1, 3, 5, 9], [3, 4, 9]), [3, 9]);
  assert.deepEqual(S.union([1, 3, 5, 9], [3, 4, 9, 12]), [1, 3, 4, 5, 9, 12]);
  assert.deepEqual(S.union([], [2]), [2]);
});

test("the column table unpacks into rows with chunks and first paragraphs", () => {
  const rows = S.articleRows({
    slug: ["a", "b", "c", "d"], title: ["甲", "乙", "丙", "丁"],
    date: [0, -1, 1, 0], dates: ["2025年2月13日", "2024年6月1日"],
    paragraphs: [3, 0, 2, 4], chunks: [0, 2],
  });
  assert.deepEqual(rows, [
    ["a", "甲", "2025年2月13日", 0, 0, 3],
    ["b", "乙", "", 0, 3, 0],
    ["c", "丙", "2024年6月1日", 1, 3, 2],
    ["d", "丁", "2025年2月13日", 1, 5, 4],
  ]);
});

test("snippets mark every match inside the window", () => {
  const text = "前文".repeat(30) + "两个确立中间两个确立" + "后文".repeat(30);
  const s = S.snippet(text, S.locate(text, [["两个确立"]]));
  assert.ok(s.cutLeft && s.cutRight);
  assert.deepEqual(s.parts.filter((p) => p.mark).map((p) => p.text), ["两个确立", "两个确立"]);
  assert.equal(S.locate("两个方面，确立机制", [["两个确立"]]), null);
});

const terms = [
  { term: "清廉重庆", aliases: [], pinyin: "qīnglián Chóngqìng", english: "Clean Chongqing", count: 5 },
  { term: "清廉", aliases: [], pinyin: "qīnglián", english: "integrity", count: 1 },
  { term: "清廉国企", aliases: ["国企清廉"], pinyin: "qīnglián guóqǐ", english: "", count: 9 },
  { term: "市纪委监委", aliases: ["重庆市纪委监委"], pinyin: "shì jìwěi jiānwěi", english: "", count: 2 },
];

test("glossary ranking: exact term, then prefix by frequency, then inside", () => {
  const names = (q) => S.matchTerms(terms, q).map((m) => m.term.term);
  assert.deepEqual(names("清廉"), ["清廉", "清廉国企", "清廉重庆"]);
  assert.deepEqual(names("重庆市纪委监委"), ["市纪委监委"]);
  assert.equal(S.matchTerms(terms, "重庆市纪委监委")[0].score, S.SCORE.alias);
  assert.deepEqual(names("qinglian chongqing"), ["清廉重庆"]);
  assert.deepEqual(names("Qīnglián"), ["清廉", "清廉国企", "清廉重庆"]);
  assert.deepEqual(names("clean"), ["清廉重庆"]);
  assert.deepEqual(names("，。"), []);
});

test("a lead window serves only a query on its own form, and only whole", () => {
  const s = new S.Searcher({ terms: [], forms: ["两个确立"], shards: 1 }, () => Promise.reject(new Error("no files")));
  const before = "前".repeat(30);
  // Paragraph 7's window for 两个确立, cut on both sides; 发展 is in it
  // with all the context a snippet shows.
  s.addLeads(S.FORM_MARK + "两个确立", [[7, 3, before + "两个确立" + "发展" + "后".repeat(60), 3]]);
  const alts = (q) => [S.phrases(q)];
  const hit = s.leadHit(7, alts("两个确立"), s.tokenSet(alts("两个确立")));
  assert.equal(hit.anchor, 3);
  assert.ok(hit.cutLeft && hit.cutRight);
  assert.deepEqual(hit.ranges, [[30, 34]]);
  // 发展 may occur earlier in the paragraph, outside the window: the
  // window is not its own, so it is not used.
  assert.equal(s.leadHit(7, alts("发展"), s.tokenSet(alts("发展"))), null);
  // Its own window, but the match too near the cut edge for a snippet.
  s.addLeads("发展", [[8, 1, "发展" + "后".repeat(60), 1]]);
  assert.equal(s.leadHit(8, alts("发展"), s.tokenSet(alts("发展"))), null);
  s.addLeads("发展", [[9, 1, "发展" + "后".repeat(60), 2]]);
  assert.equal(s.leadHit(9, alts("发展"), s.tokenSet(alts("发展"))).anchor, 1);
});

const site = process.env.JIEDU_SEARCH_SITE;

async function searcher() {
  const dir = path.join(site, "search");
  const load = async (rel) => JSON.parse(await readFile(path.join(dir, rel), "utf8"));
  return new S.Searcher(await load("meta.json"), load);
}

// A loader that counts what it was asked for.
async function counting() {
  const dir = path.join(site, "search");
  const asked = [];
  const load = async (rel) => {
    asked.push(rel);
    return JSON.parse(await readFile(path.join(dir, rel), "utf8"));
  };
  return { s: new S.Searcher(await load("meta.json"), load), asked };
}

test("searches the built fixture", { skip: !site && "JIEDU_SEARCH_SITE not set" }, async (t) => {
  const s = await searcher();

  await t.test("两个确立: the term first, then articles by matching paragraphs", async () => {
    const r = await s.search("两个确立");
    assert.equal(r.terms[0].term, "两个确立");
    assert.equal(r.terms[0].url, "/repo/glossary/liang-ge-que-li/");
    // a-que-li: in the title and two paragraphs; b-guo-qi: one paragraph;
    // c-san-luan has 两个 … 确立 apart and must not match.
    assert.deepEqual(r.articles.map((a) => a.url), ["/repo/articles/a-que-li/", "/repo/articles/b-guo-qi/"]);
    assert.equal(r.articles[0].count, 2);
    assert.ok(r.articles[0].inTitle);
    assert.equal(r.articles[0].paragraphs[0].url, "/repo/articles/a-que-li/#p1");
    assert.deepEqual(r.articles[0].paragraphs[0].parts.filter((p) => p.mark).map((p) => p.text), ["两个确立"]);
    assert.equal(r.articles[1].paragraphs[0].url, "/repo/articles/b-guo-qi/#p2");
    assert.ok(r.exact);
  });

  await t.test("a slogan is answered by its own shard: list and snippet text", async () => {
    const { s, asked } = await counting();
    const partial = [];
    const r = await s.search("两个确立", {}, (p) => partial.push(p));
    assert.deepEqual(asked.filter((rel) => rel.startsWith("p/") || rel.startsWith("t/")),
      ["p/" + (S.hash(S.FORM_MARK + "两个确立") % s.meta.shards) + ".json"]);
    // The glossary while the shard loads; then everything at once.
    assert.equal(partial.length, 1);
    assert.equal(partial[0].articles, null);
    assert.equal(partial[0].terms[0].term, "两个确立");
    assert.deepEqual(r.articles.map((a) => a.paragraphs.map((p) => p.url)),
      [["/repo/articles/a-que-li/#p1", "/repo/articles/a-que-li/#p2"], ["/repo/articles/b-guo-qi/#p2"]]);
    // The snippet from the shard's window is the one the full text gives:
    // 20 characters before the match, and marked as cut.
    const cut = r.articles[1].paragraphs[0];
    assert.ok(cut.cutLeft && !cut.cutRight);
    assert.equal(cut.parts.map((p) => p.text).join(""), "国企“三攻坚一盘活”取得成效；同时拥护“两个确立”。");
    assert.ok(r.exact);
  });

  await t.test("a word with no lead text is ranked first, its snippets follow from the text", async () => {
    const { s, asked } = await counting();
    const partial = [];
    const r = await s.search("确立", {}, (p) => partial.push(p));
    assert.ok(asked.some((rel) => rel.startsWith("t/")));
    const titles = partial.find((p) => p.articles);
    assert.ok(titles && !titles.provisional);
    assert.ok(titles.articles.every((a) => a.paragraphs.length === 0));
    assert.deepEqual(titles.articles.map((a) => a.url), r.articles.map((a) => a.url));
    assert.ok(r.articles.every((a) => a.paragraphs.length > 0));
  });

  await t.test("a cut window that lacks a snippet's context is not used", async () => {
    const { s, asked } = await counting();
    // b-guo-qi ¶2's window (from 两个确立's shard) starts 4 characters
    // before 国企, short of the 20 a snippet shows.
    await s.search("两个确立");
    const chunks = () => asked.filter((rel) => rel.startsWith("t/")).length;
    assert.equal(chunks(), 0);
    const r = await s.search("国企");
    const p = r.articles.find((a) => a.url.endsWith("/b-guo-qi/"));
    assert.ok(chunks() > 0, "国企 is no glossary form: its snippets come from the text");
    assert.ok(p.paragraphs.every((x) => x.parts.some((part) => part.mark && part.text === "国企")));
  });

  await t.test("a phrase that is no glossary form is checked against the text", async () => {
    const { s } = await counting();
    const partial = [];
    const r = await s.search("再次强调", {}, (p) => partial.push(p));
    // Drawn first from the postings, flagged, with no counts; then checked.
    const first = partial.find((p) => p.articles);
    assert.ok(first.provisional);
    assert.ok(first.articles.every((a) => a.provisional && a.count === 0));
    assert.deepEqual(first.articles.map((a) => a.url), ["/repo/articles/a-que-li/"]);
    assert.deepEqual(r.articles.map((a) => a.url), ["/repo/articles/a-que-li/"]);
    assert.equal(r.articles[0].count, 1);
    assert.ok(!r.provisional && !r.articles[0].provisional);
  });

  await t.test("the check drops an article the bigrams only suggested", async () => {
    const { s } = await counting();
    const partial = [];
    // c-san-luan has 确立新的 and 的问题, never 确立新的问题.
    const r = await s.search("确立新的问题", {}, (p) => partial.push(p));
    assert.deepEqual(partial.find((p) => p.articles).articles.map((a) => a.url), ["/repo/articles/c-san-luan/"]);
    assert.deepEqual(r.articles, []);
    assert.equal(r.total, 0);
  });

  await t.test("a query whose files are all loaded is drawn once, not in stages", async () => {
    const { s } = await counting();
    for (const q of ["两个确立", "再次强调", "清廉"]) {
      await s.search(q);
      const partial = [];
      const again = await s.search(q, {}, (p) => partial.push(p));
      assert.deepEqual(partial, [], q);
      assert.ok(again.articles.length > 0, q);
    }
  });

  await t.test("the warm-up runs the engine on what is loaded and fetches nothing", async () => {
    const { s, asked } = await counting();
    await s.articles();
    const before = asked.length;
    const r = s.warm();
    assert.equal(asked.length, before);
    assert.equal(r.total, 3);
    assert.ok(r.articles.every((a) => a.url.startsWith("/repo/articles/") && a.paragraphs.length === 1));
    // It leaves no state a real query could trip on.
    const q = await s.search("两个确立");
    assert.deepEqual(q.articles.map((a) => a.url), ["/repo/articles/a-que-li/", "/repo/articles/b-guo-qi/"]);
  });

  await t.test("candidate ranking agrees with a plain reference", async () => {
    await s.articles();
    // Counts each article's candidate paragraphs and title matches
    // naively, and sorts with a comparator.
    function reference(alts, lists) {
      const all = lists.reduce(S.union, []);
      const byArticle = new Map();
      for (const g of all) {
        const a = s.articleOf(g);
        byArticle.set(a, (byArticle.get(a) || 0) + 1);
      }
      s.titles.forEach((title, a) => {
        if (alts.some((alt) => alt.every((p) => title.includes(p)))) byArticle.set(a, (byArticle.get(a) || 0) + 5);
      });
      return [...byArticle].sort((x, y) => y[1] - x[1] || x[0] - y[0]);
    }
    for (const q of ["两个", "两个确立", "确立", "陈全", "工作", "gdp", "清廉 重庆", "不存在"]) {
      const alts = S.alternatives(q, S.matchTerms(s.meta.terms, q));
      const lists = await Promise.all(alts.map(s.candidates, s));
      assert.deepEqual(s.gather(alts, lists).slice().map((e) => [e.index, e.bound]), reference(alts, lists), q);
    }
  });

  await t.test("三攻坚一盘活 stays whole", async () => {
    const r = await s.search("三攻坚一盘活");
    assert.equal(r.terms[0].term, "三攻坚一盘活");
    assert.deepEqual(r.articles.map((a) => a.url), ["/repo/articles/b-guo-qi/"]);
    assert.equal(r.articles[0].count, 2);
  });

  await t.test("33618, a person, English and pinyin", async () => {
    let r = await s.search("33618");
    assert.equal(r.terms[0].term, "33618");
    assert.equal(r.articles[0].paragraphs[0].url, "/repo/articles/b-guo-qi/#p1");
    r = await s.search("陈全");
    assert.equal(r.terms[0].term, "陈全");
    assert.equal(r.articles[0].paragraphs[0].url, "/repo/articles/c-san-luan/#p2");
    r = await s.search("Two Establishes");
    assert.equal(r.terms[0].term, "两个确立");
    assert.equal(r.articles.length, 2, "the English name finds the articles using the term");
    r = await s.search("liangge queli");
    assert.equal(r.terms[0].term, "两个确立");
    r = await s.search("sān gōngjiān");
    assert.equal(r.terms[0].term, "三攻坚一盘活");
  });

  await t.test("an alias finds its term and the term's other forms", async () => {
    const r = await s.search("市纪委监委");
    assert.equal(r.terms[0].term, "市纪委监委");
    assert.deepEqual(r.articles.map((a) => a.url).sort(), ["/repo/articles/a-que-li/", "/repo/articles/b-guo-qi/"]);
  });

  await t.test("清廉 finds the programme by prefix and the paragraph", async () => {
    const r = await s.search("清廉");
    assert.equal(r.terms[0].term, "清廉重庆");
    assert.equal(r.articles[0].paragraphs[0].url, "/repo/articles/a-que-li/#p3");
  });

  await t.test("words are case- and width-insensitive; markup is text", async () => {
    let r = await s.search("gdp");
    assert.equal(r.articles[0].paragraphs[0].url, "/repo/articles/c-san-luan/#p3");
    r = await s.search("ＴＥＳＴ");
    assert.equal(r.articles.length, 1);
    r = await s.search("script");
    assert.ok(r.articles[0].paragraphs[0].parts.map((p) => p.text).join("").includes("<script>alert(1)</script>"));
  });

  await t.test("several phrases must share a paragraph; nothing found is empty", async () => {
    let r = await s.search("两个确立 两个维护");
    assert.deepEqual(r.articles.map((a) => a.paragraphs.map((p) => p.url)), [["/repo/articles/a-que-li/#p1"]]);
    r = await s.search("不存在的口号");
    assert.equal(r.articles.length, 0);
    assert.equal(r.terms.length, 0);
    r = await s.search("constructor");
    assert.equal(r.articles.length, 0);
  });
});
