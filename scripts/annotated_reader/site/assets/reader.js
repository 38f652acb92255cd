/* The annotated reader's own behaviour: preview cards on glossary links, paragraph
   permalinks with a copy-citation action. No network access beyond the site: a card's content
   comes from assets/previews/<entry>.js, written at build time and loaded (as a script, which
   also works from file://) the first time a reader points at a link to that entry. */
(function () {
  "use strict";

  var entries = {};
  var pending = {};
  var assetsBase = (function () {
    var own = document.querySelector("script[src$='assets/reader.js']");
    return own ? own.getAttribute("src").replace(/reader\.js$/, "") : "assets/";
  })();

  window.READER_PREVIEW = function (id, data) {
    entries[id] = data;
    (pending[id] || []).forEach(function (done) { done(); });
    delete pending[id];
  };

  /* Call done() once the preview data of entry id is loaded (at once when it already is). */
  function withEntry(id, done) {
    if (!id || !/^[a-z][a-z0-9-]*$/.test(id)) return;
    if (entries[id]) { done(); return; }
    if (pending[id]) { pending[id].push(done); return; }
    pending[id] = [done];
    var script = document.createElement("script");
    script.src = assetsBase + "previews/" + id + ".js";
    script.onerror = function () { delete pending[id]; };
    document.head.appendChild(script);
  }
  var card = null;
  var owner = null;
  var hideTimer = null;
  var showTimer = null;
  var shownAt = 0;
  var wanted = null;

  function entryOf(link) {
    return link && link.getAttribute("data-entry");
  }

  function buildCard() {
    card = document.createElement("div");
    card.className = "gl-card";
    card.id = "gl-card";
    card.setAttribute("role", "dialog");
    card.setAttribute("aria-modal", "false");
    card.setAttribute("aria-labelledby", "gl-card-title");
    card.hidden = true;
    card.innerHTML =
      '<p class="gl-card__type"></p>' +
      '<p class="gl-card__title" id="gl-card-title"></p>' +
      '<p class="gl-card__summary"></p>' +
      '<p class="gl-card__more"><a class="gl-card__link"></a></p>' +
      '<button type="button" class="gl-card__close" aria-label="Close preview">×</button>';
    card.addEventListener("mouseenter", cancelHide);
    card.addEventListener("mouseleave", scheduleHide);
    card.addEventListener("focusout", function (event) {
      if (!card.contains(event.relatedTarget) && event.relatedTarget !== owner) scheduleHide();
    });
    card.querySelector(".gl-card__close").addEventListener("click", function () {
      var back = owner;
      hide();
      if (back) back.focus();
    });
    document.body.appendChild(card);
  }

  function cancelHide() {
    if (hideTimer) { clearTimeout(hideTimer); hideTimer = null; }
  }

  function scheduleHide() {
    cancelHide();
    hideTimer = setTimeout(hide, 300);
  }

  function place(link) {
    var rect = link.getBoundingClientRect();
    var width = Math.min(360, document.documentElement.clientWidth - 16);
    card.style.width = width + "px";
    var left = Math.max(8, Math.min(rect.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - width - 8));
    card.style.left = left + "px";
    card.style.top = (rect.bottom + window.scrollY + 6) + "px";
    var below = card.getBoundingClientRect();
    if (below.bottom > window.innerHeight && rect.top > below.height + 12) {
      card.style.top = (rect.top + window.scrollY - below.height - 6) + "px";
    }
  }

  function show(link) {
    var id = entryOf(link);
    if (!entries[id]) {
      withEntry(id, function () { if (wanted === link) show(link); });
      wanted = link;
      return;
    }
    var data = entries[id];
    if (!card) buildCard();
    cancelHide();
    if (card.hidden || owner !== link) shownAt = Date.now();
    owner = link;
    card.querySelector(".gl-card__type").textContent = data.type;
    card.querySelector(".gl-card__title").textContent = data.title;
    card.querySelector(".gl-card__summary").textContent = data.summary;
    var more = card.querySelector(".gl-card__link");
    more.href = link.getAttribute("href");
    more.textContent = "Read the entry: " + data.title;
    card.hidden = false;
    link.setAttribute("aria-expanded", "true");
    link.setAttribute("aria-controls", "gl-card");
    place(link);
  }

  function hide() {
    wanted = null;
    cancelHide();
    if (showTimer) { clearTimeout(showTimer); showTimer = null; }
    if (card) card.hidden = true;
    if (owner) owner.setAttribute("aria-expanded", "false");
    owner = null;
  }

  function glossaryLink(target) {
    return target && target.closest ? target.closest("a.gl[data-entry]") : null;
  }

  document.addEventListener("mouseover", function (event) {
    var link = glossaryLink(event.target);
    if (!link) return;
    cancelHide();
    if (owner === link && card && !card.hidden) return;
    withEntry(entryOf(link), function () {});  /* start loading while the pointer rests */
    if (showTimer) clearTimeout(showTimer);
    showTimer = setTimeout(function () { show(link); }, 120);
  });
  document.addEventListener("mouseout", function (event) {
    var link = glossaryLink(event.target);
    if (!link) return;
    if (showTimer) { clearTimeout(showTimer); showTimer = null; }
    if (wanted === link) wanted = null;
    if (owner === link) scheduleHide();
  });
  document.addEventListener("focusin", function (event) {
    var link = glossaryLink(event.target);
    if (link) show(link);
  });
  document.addEventListener("focusout", function (event) {
    var link = glossaryLink(event.target);
    if (link && wanted === link) wanted = null;
    if (link && owner === link && !(card && card.contains(event.relatedTarget))) scheduleHide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && card && !card.hidden) {
      var back = owner;
      hide();
      if (back && card.contains(document.activeElement)) back.focus();
      event.stopPropagation();
    }
  }, true);
  /* Touch: the first tap on a glossary link opens its card (the tap's own focus may already have
     opened it a moment ago); a second tap, or the card's link, opens the entry. */
  document.addEventListener("click", function (event) {
    var link = glossaryLink(event.target);
    var justOpened = owner === link && card && !card.hidden && Date.now() - shownAt < 700;
    if (link && lastPointer === "touch" && (owner !== link || !card || card.hidden || justOpened)) {
      event.preventDefault();
      show(link);
    } else if (card && !card.hidden && !card.contains(event.target) && !link) {
      hide();
    }
  });
  var lastPointer = "mouse";
  document.addEventListener("pointerdown", function (event) { lastPointer = event.pointerType; }, true);

  /* Paragraph permalinks and citations. */
  var live = null;

  function announce(message) {
    if (!live) {
      live = document.createElement("div");
      live.className = "reader-status";
      live.setAttribute("role", "status");
      live.setAttribute("aria-live", "polite");
      document.body.appendChild(live);
    }
    live.textContent = message;
    setTimeout(function () { live.textContent = ""; }, 4000);
  }

  function citation(paragraph) {
    var data = document.querySelector(".cite-data");
    var url = location.href.split("#")[0] + "#" + paragraph.id;
    var number = paragraph.getAttribute("data-n");
    var parts = [];
    if (data && data.dataset.author && data.dataset.author !== "unknown") parts.push(data.dataset.author);
    parts.push("“" + (data ? data.dataset.title : document.title) + "”");
    if (data && data.dataset.publication && data.dataset.publication !== "unknown") parts.push(data.dataset.publication);
    if (data && data.dataset.date) parts.push(data.dataset.date);
    parts.push("paragraph " + number);
    return parts.join(", ") + ". " + url;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return Promise.resolve(fallbackCopy(text));
  }

  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } finally { document.body.removeChild(area); }
  }

  function addParagraphTools() {
    var article = document.querySelector("article");
    if (!article || !document.querySelector(".cite-data")) return;
    var paragraphs = article.querySelectorAll("p[data-n], li[data-n]");
    Array.prototype.forEach.call(paragraphs, function (paragraph) {
      var number = paragraph.getAttribute("data-n");
      var tools = document.createElement("span");
      tools.className = "para-tools";
      var link = document.createElement("a");
      link.className = "para-link";
      link.href = "#" + paragraph.id;
      link.textContent = "¶";
      link.setAttribute("aria-label", "Link to paragraph " + number);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "para-cite";
      button.textContent = "Copy citation";
      button.setAttribute("aria-label", "Copy a citation of paragraph " + number);
      button.addEventListener("click", function () {
        var text = citation(paragraph);
        button.setAttribute("data-citation", text);
        copy(text).then(function () { announce("Citation of paragraph " + number + " copied"); });
      });
      tools.appendChild(link);
      tools.appendChild(button);
      paragraph.appendChild(tools);
    });
  }

  /* The theme's search overlay is a dialog without a name; give it one. */
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role='dialog']");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
  }

  /* The page "Search the texts" loads its script only where it is used. */
  function loadTextSearch() {
    if (!document.getElementById("reader-search")) return;
    var script = document.createElement("script");
    script.src = assetsBase + "search.js";
    document.body.appendChild(script);
  }

  function ready() {
    nameSearchDialog();
    addParagraphTools();
    loadTextSearch();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
