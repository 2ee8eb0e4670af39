// The supervision alert on every moderation page: the server announces a new
// overdue count over server-sent events ("alert"), and the banner follows. The
// event source is shared with queue.js (one connection per page).
(() => {
  const box = document.getElementById("mod-alert");
  if (!box || !("EventSource" in window)) return;
  const es = window.vaxelModerationEvents || new EventSource("/moderation/events");
  window.vaxelModerationEvents = es;
  es.addEventListener("alert", (ev) => {
    let count = 0;
    try {
      count = Number(JSON.parse(ev.data).count) || 0;
    } catch {
      return;
    }
    box.replaceChildren();
    if (count <= 0) return;
    const p = document.createElement("p");
    p.className = "warn";
    p.append(box.dataset.template.replace("{n}", String(count)) + " ");
    const a = document.createElement("a");
    a.href = "/moderation/supervision";
    a.textContent = box.dataset.link;
    p.append(a);
    box.append(p);
  });
})();
