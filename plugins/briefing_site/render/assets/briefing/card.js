/* The preview card of a mention: on hover and on keyboard focus of a linked mention, a
   small card with the entry's kind, name, the role it held on the briefing's date, its
   summary and how many briefings mention it. Escape closes it. The card floats above the
   page (no layout shift); its data is a small JSON file of this site, fetched on first
   use and kept. Without JavaScript the mention's title is the hover text. */
(function () {
  "use strict";
  var base = new URL("cards/", document.currentScript.src);
  var cache = {};
  var card = null;
  var current = null;
  var closing = 0;
  var SVG = "http://www.w3.org/2000/svg";

  function fetchCard(id) {
    if (!cache[id]) {
      cache[id] = fetch(new URL(encodeURIComponent(id) + ".json", base)).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      });
      cache[id].catch(function () { delete cache[id]; });
    }
    return cache[id];
  }

  function line(cls, text) {
    var p = document.createElement("p");
    p.className = "briefing-card__" + cls;
    p.textContent = text;
    return p;
  }

  function build(data, role) {
    if (!card || !document.body.contains(card)) {
      card = document.createElement("div");
      card.id = "briefing-card";
      card.className = "briefing-card md-typeset";
      card.setAttribute("role", "tooltip");
      card.addEventListener("mouseenter", function () { clearTimeout(closing); });
      card.addEventListener("mouseleave", later);
      document.body.appendChild(card);
    }
    card.replaceChildren();
    var kind = line("kind", data.kind);
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    var path = document.createElementNS(SVG, "path");
    path.setAttribute("d", data.icon);
    svg.appendChild(path);
    kind.prepend(svg);
    card.append(kind, line("name", data.name));
    if (role) card.append(line("role", role));
    if (data.summary) card.append(line("summary", data.summary));
    card.append(line("count", data.count));
    return card;
  }

  function place(target) {
    var box = target.getBoundingClientRect();
    var width = Math.min(card.offsetWidth, document.documentElement.clientWidth - 16);
    var left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
    var below = box.bottom + 8;
    var top = below + card.offsetHeight > window.innerHeight && box.top > card.offsetHeight + 8
      ? box.top - card.offsetHeight - 8 : below;
    card.style.left = left + window.scrollX + "px";
    card.style.top = top + window.scrollY + "px";
  }

  function open(target) {
    clearTimeout(closing);
    var id = target.getAttribute("data-entity");
    if (!id || target === current) return;
    if (current) current.removeAttribute("aria-describedby");
    current = target;
    if (card) card.hidden = true;  /* another entry's card never stands over this mention */
    fetchCard(id).then(function (data) {
      if (current !== target) return;
      build(data, target.getAttribute("data-role"));
      card.hidden = false;
      place(target);
      target.setAttribute("aria-describedby", card.id);
      document.documentElement.classList.add("briefing-card-open");
    }).catch(function () { current = null; });  /* Material's tooltip stays the hover text */
  }

  function close() {
    clearTimeout(closing);
    if (current) current.removeAttribute("aria-describedby");
    current = null;
    if (card) card.hidden = true;
    document.documentElement.classList.remove("briefing-card-open");
  }

  function later() { closing = setTimeout(close, 150); }

  function mention(event) {
    var el = event.target instanceof Element && event.target.closest("a.briefing-mention[data-entity]");
    return el || null;
  }

  document.addEventListener("mouseover", function (e) { var m = mention(e); if (m) open(m); });
  document.addEventListener("mouseout", function (e) { if (mention(e) === current && current) later(); });
  document.addEventListener("focusin", function (e) { var m = mention(e); if (m) open(m); else if (current) close(); });
  document.addEventListener("focusout", function (e) { if (mention(e) === current && current) close(); });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape" && current) close(); });
  document.addEventListener("click", function () { if (current) close(); });
})();
