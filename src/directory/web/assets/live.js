// Växel directory: keeps contact cards on our own public pages current. Each
// element with data-vaxel-live listens to the directory's server-sent events
// and, on a change, fetches its card fragment again. Without JavaScript the
// page simply shows the card as it was when loaded.
"use strict";
(function () {
  var nodes = document.querySelectorAll("[data-vaxel-live]");
  if (!nodes.length || typeof EventSource === "undefined") return;
  var streams = {};
  function refresh(node) {
    fetch(node.getAttribute("data-fragment"), { cache: "no-cache" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (text) {
        if (text === null) return;
        // The fragment is our own server-rendered, escaped HTML.
        var doc = new DOMParser().parseFromString(text, "text/html");
        var card = doc.querySelector(".vaxel-card");
        if (card) node.replaceChildren(document.importNode(card, true));
        node.setAttribute("data-updated", new Date().toISOString());
      })
      .catch(function () {});
  }
  Array.prototype.forEach.call(nodes, function (node) {
    var url = node.getAttribute("data-events");
    if (!streams[url]) {
      streams[url] = { source: new EventSource(url), nodes: [] };
      streams[url].source.addEventListener("change", function () {
        streams[url].nodes.forEach(refresh);
      });
    }
    streams[url].nodes.push(node);
  });
})();
