/* "Search the texts": a chunked static index (assets/search/, written at build time by
   site/text_search.py). A query loads meta.js, one shard of the word index per word, and the
   pieces of text holding the results shown, each as a script (works from file:// too). Words are
   folded as in text_search.py: NFKD, combining marks dropped, lower case, letters and digits. */
(function () {
  "use strict";

  var form = document.getElementById("reader-search");
  if (!form) return;
  var input = document.getElementById("reader-search-input");
  var status = document.getElementById("reader-search-status");
  var list = document.getElementById("reader-search-results");
  var own = document.querySelector("script[src$='assets/search.js']");
  var base = own ? own.getAttribute("src").replace(/search\.js$/, "search/") : "assets/search/";
  var pageBase = own ? own.getAttribute("src").replace(/assets\/search\.js$/, "") : "";
  var plainUrls = /\.html$/.test(location.pathname);
  var loaded = {};
  var waiting = {};
  var SHOWN = 20;

  window.READER_SEARCH_DATA = function (name, data) {
    loaded[name] = data;
    (waiting[name] || []).forEach(function (done) { done(data); });
    delete waiting[name];
  };

  function load(name) {
    return new Promise(function (resolve, reject) {
      if (loaded[name]) { resolve(loaded[name]); return; }
      if (waiting[name]) { waiting[name].push(resolve); return; }
      waiting[name] = [resolve];
      var script = document.createElement("script");
      script.src = base + name + ".js";
      script.onerror = function () { delete waiting[name]; reject(new Error("cannot load " + name)); };
      document.head.appendChild(script);
    });
  }

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
  }

  function shardOf(word, shards) {
    var value = 0x811c9dc5;
    for (var i = 0; i < word.length; i++) {
      value ^= word.charCodeAt(i);
      value = Math.imul(value, 0x01000193) >>> 0;
    }
    return value % shards;
  }

  function blocksOf(entry) {
    var out = [], at = 0;
    for (var i = 1; i < entry.length; i++) { at += entry[i]; out.push(at); }
    return out;
  }

  function pageUrl(path) {
    var url = path.replace(/\.md$/, plainUrls ? ".html" : "/");
    return pageBase + url;
  }

  function matches(meta, query) {
    var wanted = fold(query).filter(function (w) { return meta.stop.indexOf(w) < 0; });
    wanted = wanted.filter(function (w, i) { return wanted.indexOf(w) === i; });
    if (!wanted.length) return Promise.resolve({ words: [], hits: [] });
    return Promise.all(wanted.map(function (w) { return load("words-" + shardOf(w, meta.shards)); })).then(function (shards) {
      var perText = null;
      wanted.forEach(function (w, i) {
        var found = {};
        (shards[i][w] || []).forEach(function (entry) { found[entry[0]] = blocksOf(entry); });
        if (perText === null) { perText = found; return; }
        var both = {};
        Object.keys(perText).forEach(function (t) {
          if (!found[t]) return;
          var other = {};
          found[t].forEach(function (b) { other[b] = true; });
          var kept = perText[t].filter(function (b) { return other[b]; });
          if (kept.length) both[t] = kept;
        });
        perText = both;
      });
      var hits = [];
      Object.keys(perText).map(Number).sort(function (a, b) { return a - b; }).forEach(function (t) {
        perText[t].forEach(function (b) { hits.push([t, b]); });
      });
      return { words: wanted, hits: hits };
    });
  }

  function chunkOf(text, block) {
    var n = 0;
    while (n + 1 < text.chunks.length && text.chunks[n + 1] <= block) n++;
    return n;
  }

  function snippet(text, words) {
    var lower = text.toLowerCase();
    var at = -1;
    words.forEach(function (w) { var i = lower.indexOf(w); if (i >= 0 && (at < 0 || i < at)) at = i; });
    var start = Math.max(0, at - 90);
    var end = Math.min(text.length, Math.max(at, 0) + 210);
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }

  function show(meta, result, query) {
    list.textContent = "";
    var hits = result.hits.slice(0, SHOWN);
    if (!result.words.length) { status.textContent = "Type a word to search for."; return Promise.resolve(); }
    status.textContent = result.hits.length
      ? result.hits.length + " paragraph" + (result.hits.length === 1 ? "" : "s") + " contain" + (result.hits.length === 1 ? "s" : "") +
        " “" + query + "”" + (result.hits.length > SHOWN ? "; the first " + SHOWN + " are shown." : ".")
      : "No paragraph contains all of “" + query + "”.";
    var names = [];
    hits.forEach(function (hit) {
      var text = meta.texts[hit[0]];
      var name = "blocks/" + text.id + "-" + chunkOf(text, hit[1]);
      if (names.indexOf(name) < 0) names.push(name);
    });
    return Promise.all(names.map(load)).then(function () {
      hits.forEach(function (hit) {
        var text = meta.texts[hit[0]];
        var n = chunkOf(text, hit[1]);
        var block = loaded["blocks/" + text.id + "-" + n][hit[1] - text.chunks[n]];
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = pageUrl(text.parts[block[2]]) + "#" + block[0];
        link.textContent = text.title + (text.date ? " (" + text.date + ")" : "") + ", ¶ " + block[1];
        var quote = document.createElement("p");
        quote.textContent = snippet(block[3], result.words);
        item.appendChild(link);
        item.appendChild(quote);
        list.appendChild(item);
      });
    });
  }

  function run() {
    var query = input.value.trim();
    status.textContent = "Searching…";
    load("meta").then(function (meta) {
      return matches(meta, query).then(function (result) { return show(meta, result, query); });
    }).catch(function () { status.textContent = "The search index could not be loaded."; });
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
  var timer = null;
  input.addEventListener("input", function () {
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, 250);
  });
  var asked = new URLSearchParams(location.search).get("q");
  if (asked) { input.value = asked; run(); }
})();
