// <vaxel-contact-card unit="UUID" [org="slug"] [src="https://vaxel.example"]>
// A small web component for any website: it shows a unit's published contact
// card from Växel and updates itself live (server-sent events) when the
// directory changes. It reports its host page so editors can see where a
// contact is shown. All values are set as text, never as HTML.
"use strict";
(function () {
  if (typeof customElements === "undefined" || customElements.get("vaxel-contact-card")) return;
  var script = document.currentScript;
  var defaultBase = script && script.src ? new URL(script.src).origin : location.origin;
  var STYLE =
    ":host{display:block;font:inherit;border:1px solid #c4c7cf;border-radius:6px;padding:1rem;max-width:32rem}" +
    "h2{margin:0 0 .5rem;font-size:1.15rem}h3{margin:.75rem 0 .25rem;font-size:1rem}ul{margin:0;padding-left:1.1rem}" +
    ".muted{color:#4a4a55;font-size:.875rem}a{color:#0b5394}";
  var KIND = { phone: "Telefon", email: "E-post", visiting_address: "Besöksadress", postal_address: "Postadress", web: "Webbplats", chat: "Chatt", social: "Sociala medier" };

  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (attrs) for (var k in attrs) e.setAttribute(k, attrs[k]);
    return e;
  }
  function safeHref(u) {
    try { var p = new URL(u); return p.protocol === "https:" || p.protocol === "http:" ? p.href : "#"; } catch (e) { return "#"; }
  }
  function item(cp) {
    var li = el("li");
    li.setAttribute("data-kind", cp.kind);
    if (cp.label && cp.kind !== "web" && cp.kind !== "social" && cp.kind !== "chat") li.append(el("span", cp.label + " "));
    if (cp.kind === "phone") li.append(el("a", cp.phone.display, { href: "tel:" + cp.phone.e164 }));
    else if (cp.kind === "email") li.append(el("a", cp.email, { href: "mailto:" + cp.email }));
    else if (cp.address) li.append(el("span", (cp.address.careOf ? "c/o " + cp.address.careOf + ", " : "") + cp.address.street + ", " + cp.address.postcode + " " + cp.address.town));
    else li.append(el("a", cp.label || cp.url, { href: safeHref(cp.url), rel: "noopener" }));
    if (cp.hours) li.append(el("div", cp.hours.summary_sv.join(", "), { class: "muted" }));
    return li;
  }

  class VaxelContactCard extends HTMLElement {
    static get observedAttributes() { return ["unit", "org", "src"]; }
    constructor() {
      super();
      this.root = this.attachShadow({ mode: "open" });
    }
    connectedCallback() { this.started = true; this.load(); this.listen(); }
    disconnectedCallback() { this.started = false; if (this.source) this.source.close(); this.source = null; }
    attributeChangedCallback() {
      // Before connectedCallback (an upgrade) there is nothing to redo.
      if (!this.started) return;
      if (this.source) this.source.close();
      this.source = null;
      this.load();
      this.listen();
    }
    base() { return (this.getAttribute("src") || defaultBase).replace(/\/+$/, ""); }
    query(extra) {
      var q = new URLSearchParams();
      if (this.getAttribute("org")) q.set("org", this.getAttribute("org"));
      for (var k in extra || {}) q.set(k, extra[k]);
      var s = q.toString();
      return s ? "?" + s : "";
    }
    load() {
      var unit = this.getAttribute("unit");
      if (!unit) return;
      var self = this;
      var url = this.base() + "/api/v1/directory/units/" + encodeURIComponent(unit) + this.query({ host: location.origin + location.pathname });
      fetch(url, { cache: "no-cache" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (card) { if (card) self.render(card); })
        .catch(function () {});
    }
    listen() {
      if (this.source || typeof EventSource === "undefined") return;
      var self = this;
      this.source = new EventSource(this.base() + "/api/v1/directory/events" + this.query());
      this.source.addEventListener("change", function () { self.load(); });
    }
    render(card) {
      var frag = document.createDocumentFragment();
      frag.append(el("style", STYLE));
      var section = el("section", null, { "aria-label": "Kontakt: " + card.unit.name });
      section.append(el("h2", card.unit.name));
      var groups = {};
      card.contactPoints.forEach(function (cp) { (groups[cp.kind] = groups[cp.kind] || []).push(cp); });
      Object.keys(groups).forEach(function (kind) {
        section.append(el("h3", KIND[kind] || kind));
        var ul = el("ul");
        groups[kind].forEach(function (cp) { ul.append(item(cp)); });
        section.append(ul);
      });
      if (!card.contactPoints.some(function (c) { return c.kind === "phone" || c.kind === "email"; }) && card.reachable && card.reachable.unitId !== card.unit.id) {
        section.append(el("p", "Kontakta " + card.reachable.unitName + ":"));
        var ul = el("ul");
        if (card.reachable.phone) ul.append(item({ kind: "phone", phone: card.reachable.phone }));
        if (card.reachable.email) ul.append(item({ kind: "email", email: card.reachable.email }));
        section.append(ul);
      }
      if (card.lastVerifiedAt) section.append(el("p", "Senast granskad " + card.lastVerifiedAt.slice(0, 10), { class: "muted" }));
      frag.append(section);
      this.root.replaceChildren(frag);
      this.setAttribute("data-updated", new Date().toISOString());
    }
  }
  customElements.define("vaxel-contact-card", VaxelContactCard);
})();
