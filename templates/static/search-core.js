// The search engine of /search/, without the page: tokenising, glossary
// matching, postings, phrase checks, ranking and snippets. It runs in the
// browser (as window.JieduSearch) and in Node (as a CommonJS module) so the
// same code is tested with `node --test`.
//
// The index is written by src/site/search.rs, whose module doc describes
// the files. normalize(), tokens() and hash() must agree with that file;
// both test suites pin the same values.
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.JieduSearch = api;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  // Glossary scores: which field matched, and how.
  var SCORE = {
    term: 100, alias: 90, foreign: 85,
    termPrefix: 70, aliasPrefix: 60, foreignPrefix: 55,
    termInside: 40, aliasInside: 35, foreignInside: 30,
    termInQuery: 20
  };
  // A glossary match this good means the query names the term, so its
  // aliases are searched in the articles too.
  var NAMES_TERM = SCORE.foreign;
  // How much a match in the title weighs against matching paragraphs.
  var TITLE_WEIGHT = 5;
  var MAX_QUERY = 64;

  // Full-width ASCII → ASCII, A–Z → a–z; one UTF-16 unit for one, so
  // offsets in the result are offsets in the original.
  function normalize(s) {
    return s.replace(/[\uff01-\uff5eA-Z]/g, function (c) {
      var code = c.charCodeAt(0);
      if (code >= 0xff01) c = String.fromCharCode(code - 0xfee0);
      return c.toLowerCase();
    });
  }

  // For English and pinyin: no case, no tone marks, no spaces or hyphens.
  function fold(s) {
    return normalize(s).toLowerCase().normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^0-9a-z\u3007\u3400-\u9fff\uf900-\ufaff]/g, "");
  }

  function isHan(cp) {
    return cp === 0x3007 || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) ||
      (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3134f);
  }

  function classOf(ch) {
    var cp = ch.codePointAt(0);
    if (isHan(cp)) return 1;
    if ((cp >= 48 && cp <= 57) || (cp >= 97 && cp <= 122) || (cp >= 65 && cp <= 90)) return 2;
    return 0;
  }

  function runs(text) {
    var chars = Array.from(normalize(text));
    var out = [];
    var start = 0;
    while (start < chars.length) {
      var kind = classOf(chars[start]);
      var end = start + 1;
      while (end < chars.length && classOf(chars[end]) === kind) end++;
      if (kind) out.push({ kind: kind, chars: chars.slice(start, end) });
      start = end;
    }
    return out;
  }

  // Every index token of a text, as the builder writes them.
  function tokens(text) {
    var out = [];
    runs(text).forEach(function (r) {
      if (r.kind === 2) { out.push(r.chars.join("")); return; }
      r.chars.forEach(function (c) { out.push(c); });
      for (var i = 0; i + 1 < r.chars.length; i++) out.push(r.chars[i] + r.chars[i + 1]);
    });
    return out;
  }

  // The tokens a phrase must have: its bigrams (a lone Han character is
  // its own token) and its words.
  function queryTokens(phrase) {
    var out = [];
    runs(phrase).forEach(function (r) {
      if (r.kind === 2 || r.chars.length === 1) { out.push(r.chars.join("")); return; }
      for (var i = 0; i + 1 < r.chars.length; i++) out.push(r.chars[i] + r.chars[i + 1]);
    });
    return out.filter(function (t, i) { return out.indexOf(t) === i; });
  }

  // 32-bit FNV-1a of the UTF-8 bytes.
  function hash(token) {
    var h = 0x811c9dc5;
    var bytes = new TextEncoder().encode(token);
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }

  function decode(deltas) {
    var out = new Array(deltas.length);
    var n = 0;
    for (var i = 0; i < deltas.length; i++) { n += deltas[i]; out[i] = n; }
    return out;
  }

  // The sorted union of two sorted lists, without repeats.
  function union(a, b) {
    if (!a.length) return b;
    if (!b.length) return a;
    var out = [];
    var i = 0, j = 0;
    while (i < a.length || j < b.length) {
      if (j >= b.length || (i < a.length && a[i] < b[j])) out.push(a[i++]);
      else if (i >= a.length || b[j] < a[i]) out.push(b[j++]);
      else { out.push(a[i++]); j++; }
    }
    return out;
  }

  function intersect(a, b) {
    var out = [];
    var i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; }
      else if (a[i] < b[j]) i++;
      else j++;
    }
    return out;
  }

  // The phrases of a query: whitespace-separated, normalised, each with
  // at least one token. All must occur in one paragraph.
  function phrases(query) {
    return normalize(query.slice(0, MAX_QUERY)).split(/\s+/).filter(function (p) {
      return queryTokens(p).length > 0;
    });
  }

  function scoreField(value, q, exact, prefix, inside, minInside) {
    if (!value || !q) return 0;
    if (value === q) return exact;
    if (value.indexOf(q) === 0) return prefix;
    if (q.length >= minInside && value.indexOf(q) > 0) return inside;
    return 0;
  }

  // A term's fields as matching needs them, computed once per term: the
  // glossary is matched on every keystroke, and folding 1,000 terms' pinyin
  // and English each time cost more than the rest of a cached query.
  var prepared = typeof WeakMap === "function" ? new WeakMap() : null;
  function prepare(t) {
    var p = prepared && prepared.get(t);
    if (p) return p;
    p = {
      term: normalize(t.term),
      chars: Array.from(t.term).length,
      aliases: (t.aliases || []).map(normalize),
      foreign: [fold(t.english || ""), fold(t.pinyin || "")]
    };
    if (prepared) prepared.set(t, p);
    return p;
  }

  // How well one term matches; 0 when it does not.
  function scoreTerm(t, q, qf) {
    var p = prepare(t);
    var best = scoreField(p.term, q, SCORE.term, SCORE.termPrefix, SCORE.termInside, 1);
    p.aliases.forEach(function (a) {
      best = Math.max(best, scoreField(a, q, SCORE.alias, SCORE.aliasPrefix, SCORE.aliasInside, 1));
    });
    var minPrefix = /[a-z]/.test(qf) ? 3 : 1;
    if (qf.length >= minPrefix) {
      p.foreign.forEach(function (f) {
        best = Math.max(best, scoreField(f, qf, SCORE.foreign, SCORE.foreignPrefix, SCORE.foreignInside, 4));
      });
    }
    if (!best && p.chars >= 2 && q.indexOf(p.term) >= 0) best = SCORE.termInQuery;
    return best;
  }

  // Glossary entries matching the query, best first: exact term, alias,
  // English/pinyin, then prefixes, then substrings; ties go to the more
  // frequent term.
  function matchTerms(terms, query) {
    var q = normalize(query.trim().slice(0, MAX_QUERY));
    var qf = fold(q);
    if (!qf) return [];
    var out = [];
    terms.forEach(function (t) {
      var s = scoreTerm(t, q, qf);
      if (s) out.push({ term: t, score: s });
    });
    out.sort(function (a, b) {
      return b.score - a.score || b.term.count - a.term.count ||
        a.term.term.length - b.term.term.length || (a.term.term < b.term.term ? -1 : 1);
    });
    return out;
  }

  // Every [start, end) of `needle` in `hay`, non-overlapping.
  function findAll(hay, needle) {
    var out = [];
    if (!needle) return out;
    var i = hay.indexOf(needle);
    while (i >= 0) {
      out.push([i, i + needle.length]);
      i = hay.indexOf(needle, i + needle.length);
    }
    return out;
  }

  function merge(ranges) {
    ranges.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var out = [];
    ranges.forEach(function (r) {
      var last = out[out.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else out.push([r[0], r[1]]);
    });
    return out;
  }

  // The ranges of `alts` (lists of phrases) in a text, or null when no
  // alternative has all its phrases there.
  function locate(text, alts) {
    var norm = normalize(text);
    var ranges = [];
    var hit = false;
    alts.forEach(function (alt) {
      var found = alt.map(function (p) { return findAll(norm, p); });
      if (found.every(function (f) { return f.length; })) {
        hit = true;
        found.forEach(function (f) { ranges = ranges.concat(f); });
      }
    });
    return hit ? merge(ranges) : null;
  }

  function isLowSurrogate(s, i) {
    var c = s.charCodeAt(i);
    return c >= 0xdc00 && c <= 0xdfff;
  }

  // A snippet shows SNIPPET_WIDTH units of text, starting SNIPPET_BEFORE
  // before the first match (BEFORE and AFTER in src/site/search/leads.rs
  // keep more than this).
  var SNIPPET_WIDTH = 60;
  var SNIPPET_BEFORE = 20;

  // A keyword-in-context window around the first range: the text cut
  // into plain and marked parts.
  function snippet(text, ranges, width) {
    width = width || SNIPPET_WIDTH;
    var first = ranges.length ? ranges[0] : [0, 0];
    var start = Math.max(0, first[0] - Math.floor(width / 3));
    var end = Math.min(text.length, Math.max(first[1], start + width));
    if (start > 0 && isLowSurrogate(text, start)) start--;
    if (end < text.length && isLowSurrogate(text, end)) end++;
    var parts = [];
    var at = start;
    ranges.forEach(function (r) {
      var s = Math.max(r[0], start), e = Math.min(r[1], end);
      if (s >= e) return;
      if (s > at) parts.push({ text: text.slice(at, s), mark: false });
      parts.push({ text: text.slice(s, e), mark: true });
      at = e;
    });
    if (at < end) parts.push({ text: text.slice(at, end), mark: false });
    return { parts: parts, cutLeft: start > 0, cutRight: end < text.length };
  }

  function sameAlt(a, b) {
    return a.length === b.length && a.every(function (p, i) { return p === b[i]; });
  }

  // The phrase lists searched in the articles: the query itself, and, when
  // the query names a glossary term, each of the term's surface forms.
  function alternatives(query, terms) {
    var alts = [];
    function add(alt) {
      if (alt.length && !alts.some(function (a) { return sameAlt(a, alt); })) alts.push(alt);
    }
    add(phrases(query));
    if (terms.length && terms[0].score >= NAMES_TERM) {
      var t = terms[0].term;
      [t.term].concat(t.aliases || []).forEach(function (f) { add(phrases(f)); });
    }
    return alts;
  }

  // What starts the token of a whole glossary form, and the key of a
  // form's lead windows beside its list (src/site/search.rs).
  var FORM_MARK = "=";
  var LEAD_MARK = "#";

  /**
   * A searcher over one index. `meta` is search/meta.json, the head;
   * `load(rel)` returns a promise of the parsed JSON file at `rel`
   * ("articles.json", "p/3.json", "t/0.json"), relative to meta.json.
   * The article table is fetched on first use; call `articles()` early to
   * have it before the first query.
   */
  function Searcher(meta, load) {
    this.meta = meta;
    this.load = load;
    this.files = new Map();
    this.loaded = new Set();
    this.leads = new Map();
    this.lists = new Map();
    this.forms = new Set(meta.forms || []);
    this.table = null;
    // Ready for the first keystroke: the glossary's folded fields.
    meta.terms.forEach(prepare);
  }

  Searcher.prototype.file = function (rel) {
    var self = this;
    if (!self.files.has(rel)) {
      self.files.set(rel, self.load(rel).then(function (data) {
        self.loaded.add(rel);
        return data;
      }));
    }
    return self.files.get(rel);
  };

  // Whether any of these files is still to come: a first draw is only
  // worth its time when the final one cannot follow in the same task.
  Searcher.prototype.waiting = function (rels) {
    var self = this;
    return rels.some(function (rel) { return !self.loaded.has(rel); });
  };

  Searcher.prototype.shardOf = function (token) {
    return "p/" + (hash(token) % this.meta.shards) + ".json";
  };

  Searcher.prototype.chunkOf = function (g) {
    return "t/" + this.rows[this.articleOf(g)][3] + ".json";
  };

  // articles.json comes in columns (src/site/search.rs, ArticleTable);
  // the engine works on rows [slug, title, date, chunk, first, count],
  // `first` being the article's first global paragraph number.
  function articleRows(t) {
    var rows = new Array(t.slug.length);
    var first = 0, chunk = 0;
    for (var i = 0; i < rows.length; i++) {
      while (chunk + 1 < t.chunks.length && t.chunks[chunk + 1] <= i) chunk++;
      var date = t.date[i] >= 0 ? t.dates[t.date[i]] : "";
      rows[i] = [t.slug[i], t.title[i], date, chunk, first, t.paragraphs[i]];
      first += t.paragraphs[i];
    }
    return rows;
  }

  // The article table, as rows.
  Searcher.prototype.articles = function () {
    var self = this;
    if (!self.table) {
      self.table = self.file("articles.json").then(articleRows).then(function (rows) {
        self.rows = rows;
        self.starts = rows.map(function (a) { return a[4]; });
        self.titles = rows.map(function (a) { return normalize(a[1]); });
        // All titles in one string, NUL between them (no phrase holds
        // one), and where each starts.
        self.titleText = self.titles.join("\u0000");
        self.titleAt = new Int32Array(rows.length);
        for (var i = 1; i < rows.length; i++) self.titleAt[i] = self.titleAt[i - 1] + self.titles[i - 1].length + 1;
        return rows;
      });
    }
    return self.table;
  };

  Searcher.prototype.postings = function (token) {
    var self = this;
    if (!self.lists.has(token)) {
      self.lists.set(token, self.file(self.shardOf(token)).then(function (shard) {
        var leads = LEAD_MARK + token;
        if (own(shard, leads)) self.addLeads(token, shard[leads]);
        return own(shard, token) ? decode(shard[token]) : [];
      }));
    }
    return self.lists.get(token);
  };

  // The tokens looked up for a phrase: a glossary form's own list when
  // the index has one, else the phrase's bigrams and words.
  Searcher.prototype.phraseTokens = function (p) {
    return this.forms.has(p) ? [FORM_MARK + p] : queryTokens(p);
  };

  // Whether the postings of a phrase are exactly the paragraphs that
  // have it: a glossary form, or a phrase that is one token (清廉, 33618).
  Searcher.prototype.exactPhrase = function (p) {
    if (this.forms.has(p)) return true;
    var t = queryTokens(p);
    return t.length === 1 && t[0] === p;
  };

  Searcher.prototype.altTokens = function (alt) {
    var self = this;
    var toks = [];
    alt.forEach(function (p) { toks = toks.concat(self.phraseTokens(p)); });
    return toks;
  };

  // Paragraphs that have every token of every phrase of `alt`: a superset
  // of those that have the phrases, checked later against the text unless
  // every phrase is exact.
  Searcher.prototype.candidates = function (alt) {
    var toks = this.altTokens(alt);
    return Promise.all(toks.map(this.postings, this)).then(function (lists) {
      lists.sort(function (a, b) { return a.length - b.length; });
      return lists.reduce(function (acc, l) { return acc.length ? intersect(acc, l) : acc; }, lists[0] || []);
    });
  };

  Searcher.prototype.articleOf = function (g) {
    var lo = 0, hi = this.starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= g) lo = mid; else hi = mid - 1;
    }
    return lo;
  };

  function own(o, key) {
    return Object.prototype.hasOwnProperty.call(o, key);
  }

  // Leads: windows of paragraph text that a glossary form's shard ships
  // for its first page of results ([paragraph, anchor, window, cut]),
  // each centred on the first occurrence of the form whose token it is.
  Searcher.prototype.addLeads = function (token, leads) {
    var self = this;
    leads.forEach(function (l) {
      var got = self.leads.get(l[0]) || [];
      got.push({ token: token, anchor: l[1], text: l[2], cutLeft: (l[3] & 1) > 0, cutRight: (l[3] & 2) > 0 });
      self.leads.set(l[0], got);
    });
  };

  // The tokens a search of `alts` looks up.
  Searcher.prototype.tokenSet = function (alts) {
    var set = new Set();
    alts.forEach(function (alt) { this.altTokens(alt).forEach(function (t) { set.add(t); }); }, this);
    return set;
  };

  // A hit from a lead window of paragraph `g`, or null. Only a window of
  // one of the query's own forms (`tokens`) will do, and only when it
  // holds all the snippet would show: a window centred on another form
  // could cut the snippet short.
  Searcher.prototype.leadHit = function (g, alts, tokens) {
    var windows = this.leads.get(g) || [];
    for (var i = 0; i < windows.length; i++) {
      var w = windows[i];
      if (!tokens.has(w.token)) continue;
      var ranges = locate(w.text, alts);
      if (!ranges) continue;
      var from = ranges[0][0] - SNIPPET_BEFORE;
      var to = Math.max(ranges[0][1], Math.max(from, 0) + SNIPPET_WIDTH);
      if ((from < 0 && w.cutLeft) || (to > w.text.length && w.cutRight)) continue;
      return { anchor: w.anchor, text: w.text, ranges: ranges, cutLeft: w.cutLeft, cutRight: w.cutRight };
    }
    return null;
  };

  Searcher.prototype.paragraph = function (g) {
    var a = this.articleOf(g);
    var row = this.rows[a];
    var self = this;
    return this.file("t/" + row[3] + ".json").then(function (chunk) {
      var p = chunk.p[a - chunk.a][g - self.starts[a]];
      return { anchor: p[0], text: p[1] };
    });
  };

  // An article's candidate paragraphs: a slice of the merged postings,
  // copied out only for the few articles that are shown or checked.
  function Entry(index, all, lo, hi, inTitle, bound) {
    this.index = index;
    this.all = all;
    this.lo = lo;
    this.hi = hi;
    this.inTitle = inTitle;
    this.bound = bound;
    this.list = null;
  }
  Object.defineProperty(Entry.prototype, "cands", {
    get: function () { return this.list || (this.list = this.all.slice(this.lo, this.hi)); }
  });

  /**
   * Candidate articles ranked by a first, optimistic score (`bound`):
   * every candidate paragraph counted as a match, a title match as
   * TITLE_WEIGHT. Held in typed arrays, not objects: a common word has
   * thousands of candidate articles at 10,000 articles, and allocating an
   * object for each cost a garbage collection on the keystroke. `at(k)`
   * and `slice()` give the k-th best as an Entry.
   */
  function Ranking(all, capacity) {
    this.all = all;
    this.length = 0;
    this.index = new Int32Array(capacity);
    this.lo = new Int32Array(capacity);
    this.hi = new Int32Array(capacity);
    this.bound = new Int32Array(capacity);
    this.order = null;
    this.made = new Map();
  }

  Ranking.prototype.push = function (index, lo, hi) {
    var n = this.length++;
    this.index[n] = index;
    this.lo[n] = lo;
    this.hi[n] = hi;
    this.bound[n] = hi - lo;
  };

  // Orders best first by bound, ties to the earlier article: a counting
  // sort, since bounds are small integers and entries are pushed in
  // article order, which the sort keeps within a bound.
  Ranking.prototype.sort = function () {
    var n = this.length;
    var max = 0;
    for (var i = 0; i < n; i++) if (this.bound[i] > max) max = this.bound[i];
    var counts = new Int32Array(max + 2);
    for (i = 0; i < n; i++) counts[max - this.bound[i] + 1]++;
    for (var b = 1; b < counts.length; b++) counts[b] += counts[b - 1];
    this.order = new Int32Array(n);
    for (i = 0; i < n; i++) this.order[counts[max - this.bound[i]]++] = i;
    return this;
  };

  Ranking.prototype.boundAt = function (k) {
    return this.bound[this.order[k]];
  };

  Ranking.prototype.at = function (k) {
    var e = this.made.get(k);
    if (!e) {
      var i = this.order[k];
      var count = this.hi[i] - this.lo[i];
      e = new Entry(this.index[i], this.all, this.lo[i], this.hi[i], this.bound[i] > count, this.bound[i]);
      this.made.set(k, e);
    }
    return e;
  };

  Ranking.prototype.slice = function (from, to) {
    var out = [];
    var end = Math.min(to === undefined ? this.length : to, this.length);
    for (var k = from || 0; k < end; k++) out.push(this.at(k));
    return out;
  };

  // Candidate articles (a Ranking): one pass over the sorted, merged
  // lists, each article's candidates a range of them, merged in article
  // order with the articles whose title has the query.
  Searcher.prototype.gather = function (alts, lists) {
    var starts = this.starts;
    var all = lists.reduce(union, []);
    var titled = this.titleHits(alts);
    var r = new Ranking(all, all.length + titled.length);
    var t = 0;
    var a = 0, last = -1;
    for (var i = 0; i < all.length; i++) {
      var g = all[i];
      while (a + 1 < starts.length && starts[a + 1] <= g) a++;
      if (a === last) continue;
      if (last >= 0) r.hi[r.length - 1] = i;
      // Title-only articles before this one, in order.
      for (; t < titled.length && titled[t] < a; t++) r.push(titled[t], 0, 0);
      if (titled[t] === a) t++;
      r.push(a, i, all.length);
      last = a;
    }
    if (last >= 0) r.hi[r.length - 1] = all.length;
    for (; t < titled.length; t++) r.push(titled[t], 0, 0);
    // Bounds: candidates, and the title's weight.
    t = 0;
    for (var k = 0; k < r.length; k++) {
      while (t < titled.length && titled[t] < r.index[k]) t++;
      r.bound[k] = r.hi[k] - r.lo[k] + (titled[t] === r.index[k] ? TITLE_WEIGHT : 0);
    }
    return r.sort();
  };

  // The articles, in order, whose title holds every phrase of some
  // alternative. One scan of all titles joined, per alternative: testing
  // 10,000 titles one by one cost milliseconds per keystroke.
  Searcher.prototype.titleHits = function (alts) {
    var text = this.titleText;
    var at = this.titleAt;
    var self = this;
    var hits = [];
    alts.forEach(function (alt) {
      var found = [];
      var a = 0;
      for (var i = text.indexOf(alt[0]); i >= 0; i = text.indexOf(alt[0], i + 1)) {
        while (a + 1 < at.length && at[a + 1] <= i) a++;
        if (found[found.length - 1] !== a && alt.every(titleHas, self.titles[a])) found.push(a);
      }
      hits = union(hits, found);
    });
    return hits;
  };

  // Whether the title `this` holds the phrase `p`.
  function titleHas(p) {
    return this.indexOf(p) >= 0;
  }

  function byScore(field) {
    return function (a, b) { return b[field] - a[field] || a.index - b.index; };
  }

  // Checks an entry's candidate paragraphs against their text.
  Searcher.prototype.verify = function (e, alts) {
    var self = this;
    return Promise.all(e.cands.map(function (g) { return self.paragraph(g); })).then(function (paras) {
      e.hits = [];
      paras.forEach(function (p) {
        var ranges = locate(p.text, alts);
        if (ranges) e.hits.push({ anchor: p.anchor, text: p.text, ranges: ranges });
      });
      e.count = e.hits.length;
      e.score = (e.inTitle ? TITLE_WEIGHT : 0) + e.hits.length;
      return e;
    });
  };

  // The text of the first `n` paragraphs of an entry whose candidates are
  // known matches: a lead window where one serves, else the paragraph's
  // chunk, fetched for what the snippets show and nothing more.
  Searcher.prototype.snippetText = function (e, alts, n) {
    var self = this;
    var tokens = this.tokenSet(alts);
    return Promise.all(e.cands.slice(0, n).map(function (g) {
      return self.leadHit(g, alts, tokens) || self.paragraph(g).then(function (p) {
        return { anchor: p.anchor, text: p.text, ranges: locate(p.text, alts) || [] };
      });
    })).then(function (hits) {
      e.hits = hits;
      return e;
    });
  };

  Searcher.prototype.view = function (e, alts, perArticle) {
    var row = this.rows[e.index];
    var url = this.meta.article_prefix + row[0] + "/";
    var title = row[1];
    return {
      index: e.index,
      url: url,
      title: title,
      titleParts: snippet(title, locate(title, alts) || [], title.length).parts,
      date: row[2],
      inTitle: e.inTitle,
      count: e.count,
      score: e.score,
      paragraphs: (e.hits || []).slice(0, perArticle).map(function (h) {
        var s = snippet(h.text, h.ranges);
        return {
          anchor: h.anchor, url: url + "#p" + h.anchor, parts: s.parts,
          cutLeft: s.cutLeft || !!h.cutLeft, cutRight: s.cutRight || !!h.cutRight
        };
      })
    };
  };

  /**
   * Searches: glossary entries first, then articles. When every phrase
   * is exact (a glossary form, one token), the postings rank the articles
   * and only the shown snippets' text is fetched; otherwise articles are
   * checked against their text in batches, best optimistic score first,
   * until the top `limit` are certain: no unchecked article could still
   * outrank them.
   * `onPartial(result)`, if given, is called with what can be drawn
   * while files are still on their way, and only then: the glossary
   * entries (`articles: null`) while the postings load; the ranked titles
   * while their snippets' text loads; for a phrase that must be checked
   * against the text, the titles ranked by their candidate paragraphs
   * (`provisional: true`, counts unknown) while the text loads. Bigram
   * candidates are rarely wrong, so the checked ranking seldom differs.
   * Returns a promise of {terms, articles, total, exact}.
   */
  Searcher.prototype.search = function (query, opts, onPartial) {
    opts = opts || {};
    var limit = opts.limit || 10;
    var perArticle = opts.perArticle || 3;
    var partial = onPartial || function () {};
    var self = this;
    var terms = matchTerms(this.meta.terms, query);
    var alts = alternatives(query, terms);
    var termView = terms.slice(0, opts.termLimit || 8).map(function (m) {
      return Object.assign({ score: m.score }, m.term);
    });
    if (!alts.length) return Promise.resolve({ terms: termView, articles: [], total: 0, exact: true });
    var exact = alts.every(function (alt) { return alt.every(self.exactPhrase, self); });
    // Ask for the postings first, so the network works while we draw.
    var shards = Array.from(this.tokenSet(alts), this.shardOf, this);
    var waiting = this.waiting(shards.concat(["articles.json"]));
    var lists = Promise.all(alts.map(this.candidates, this));
    if (waiting) partial({ terms: termView, articles: null, total: 0, exact: false });
    return Promise.all([lists, this.articles()]).then(function (got) {
      var entries = self.gather(alts, got[0]);
      if (exact) return self.rankExact(entries, termView, alts, limit, perArticle, partial);
      return self.rankChecked(entries, termView, alts, limit, perArticle, partial);
    });
  };

  // The text chunks that checking or showing these entries needs; with
  // `alts`, those whose snippets no lead window gives.
  Searcher.prototype.chunksOf = function (entries, perEntry, alts) {
    var self = this;
    var rels = [];
    var tokens = alts && this.tokenSet(alts);
    entries.forEach(function (e) {
      var hi = Math.min(e.hi, e.lo + perEntry);
      for (var i = e.lo; i < hi; i++) {
        if (!alts || !self.leadHit(e.all[i], alts, tokens)) rels.push(self.chunkOf(e.all[i]));
      }
    });
    return rels;
  };

  Searcher.prototype.rankExact = function (entries, termView, alts, limit, perArticle, partial) {
    var self = this;
    var top = entries.slice(0, limit);
    top.forEach(function (e) { e.score = e.bound; e.count = e.hi - e.lo; });
    function result() {
      return {
        terms: termView,
        articles: top.map(function (e) { return self.view(e, alts, perArticle); }),
        total: entries.length,
        exact: true
      };
    }
    if (this.waiting(this.chunksOf(top, perArticle, alts))) partial(result());
    return Promise.all(top.map(function (e) { return self.snippetText(e, alts, perArticle); })).then(result);
  };

  Searcher.prototype.rankChecked = function (entries, termView, alts, limit, perArticle, partial) {
    var self = this;
    var done = [];
    var next = 0;
    var first = entries.slice(0, limit);
    if (this.waiting(this.chunksOf(first, Infinity))) {
      partial({
        terms: termView,
        articles: first.map(function (e) {
          return Object.assign(self.view(e, alts, 0), { count: 0, score: e.bound, provisional: true });
        }),
        total: entries.length,
        exact: false,
        provisional: true
      });
    }
    function settled() {
      if (next >= entries.length) return true;
      return done.length >= limit && done[limit - 1].score >= entries.boundAt(next);
    }
    function step() {
      if (settled()) return Promise.resolve();
      var batch = entries.slice(next, next + Math.max(limit - done.length, 4));
      next += batch.length;
      return Promise.all(batch.map(function (e) { return self.verify(e, alts); })).then(function (checked) {
        checked.forEach(function (e) { if (e.score > 0) done.push(e); });
        done.sort(byScore("score"));
        return step();
      });
    }
    return step().then(function () {
      return {
        terms: termView,
        articles: done.slice(0, limit).map(function (e) { return self.view(e, alts, perArticle); }),
        total: done.length + (entries.length - next),
        exact: next >= entries.length
      };
    });
  };

  /**
   * Runs every step of a search once on the loaded head and article
   * table, with no file fetched: V8 compiles a function on its first
   * call, and the reader's first query would otherwise pay for compiling
   * the whole engine. Returns a result shaped like search()'s, for the
   * page to draw off-screen for the same reason.
   */
  Searcher.prototype.warm = function () {
    var rows = this.rows || [];
    var sample = this.meta.terms[0];
    var query = sample ? sample.term : "";
    var terms = matchTerms(this.meta.terms, query);
    matchTerms(this.meta.terms, fold(sample && sample.english || "a b"));
    var alts = alternatives(query, terms);
    alts.forEach(this.altTokens, this);
    alts.forEach(function (alt) { alt.forEach(this.exactPhrase, this); }, this);
    tokens(query + " warm 1");
    hash(query);
    // Lists as long as a common word's (two paragraphs of every
    // article), so that the loops run often enough to be optimised.
    var every = [];
    rows.forEach(function (row) {
      for (var k = 0; k < Math.min(row[5], 2); k++) every.push(row[4] + k);
    });
    decode(every.map(function () { return 1; }));
    var lists = [every, every.filter(function (_, i) { return i % 2; })];
    var entries = [];
    for (var round = 0; round < 3 && rows.length; round++) {
      intersect(lists[0], lists[1]);
      union(lists[1], lists[0]);
      entries = this.gather(alts, lists);
    }
    var self = this;
    var views = entries.slice(0, 10).map(function (e) {
      e.count = e.cands.length;
      e.score = e.bound;
      var title = rows[e.index][1];
      e.hits = [{ anchor: 1, text: title, ranges: locate(title, alts) || [[0, 1]] }];
      return self.view(e, alts, 1);
    });
    return { terms: terms.slice(0, 1).map(function (m) { return m.term; }), articles: views, total: entries.length, exact: true };
  };

  return {
    normalize: normalize, fold: fold, tokens: tokens, queryTokens: queryTokens, hash: hash,
    decode: decode, intersect: intersect, union: union, phrases: phrases, matchTerms: matchTerms,
    findAll: findAll, locate: locate, snippet: snippet, alternatives: alternatives, articleRows: articleRows,
    Searcher: Searcher, SCORE: SCORE, FORM_MARK: FORM_MARK, LEAD_MARK: LEAD_MARK
  };
});
