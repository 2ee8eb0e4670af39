// Keyboard-first moderation queue (progressive enhancement: every action also
// works as a plain form post). j/k move, a approve, h hide, d delete,
// e escalate, r report to police, x select, o open, B apply the bulk action.
// Live updates: new items arrive over server-sent events.
(() => {
  "use strict";
  const queue = document.getElementById("queue");
  if (!queue) return;
  const status = document.getElementById("mod-status");
  const csrf = document.querySelector("input[name=_csrf]")?.value ?? "";
  const KEYS = { a: "keep", h: "hide", d: "delete", e: "escalate", r: "report_police" };
  let current = 0;
  // Items decided on this page: a live refresh that raced the decision must not bring them back.
  const gone = new Set();

  const items = () => [...queue.querySelectorAll("li.mod-item")];
  const say = (msg) => { if (status) status.textContent = msg; };
  // The page's own strings (Swedish or English, from the server's i18n); the error text in the page's language.
  const msg = (key, vars = {}) => Object.entries(vars).reduce((s, [k, v]) => s.replace(`{${k}}`, String(v)), status?.dataset[key] ?? "");
  const english = document.documentElement.lang === "en";

  function focusAt(i) {
    const list = items();
    if (!list.length) { say(msg("msgEmpty")); return; }
    current = Math.max(0, Math.min(i, list.length - 1));
    for (const el of list) el.classList.remove("current");
    const el = list[current];
    el.classList.add("current");
    el.focus({ preventScroll: false });
  }

  async function decide(el, kind) {
    gone.add(el.dataset.item);
    const body = { kind, ruleId: el.dataset.rule, legalBasis: el.dataset.basis };
    const res = await fetch(`/moderation/items/${el.dataset.item}/decisions`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", "x-csrf-token": csrf },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
    const data = await res.json().catch(() => ({}));
    if (!res.ok) {
      gone.delete(el.dataset.item);
      const code = data?.error?.code;
      if (code === "moderation_criticism_reason_required" || code === "moderation_ban_needs_warning") {
        // The guard needs a written reason: the item page has the form for it.
        window.location.href = `/moderation/items/${el.dataset.item}?kind=${kind}`;
        return;
      }
      say((english ? data?.error?.message_en : data?.error?.message_sv) ?? msg("msgError", { status: res.status }));
      return;
    }
    const idx = items().indexOf(el);
    el.remove();
    say(data.message ?? "");
    focusAt(idx);
  }

  document.addEventListener("keydown", (ev) => {
    const t = ev.target;
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (t instanceof HTMLElement && (t.closest("input, textarea, select") && t.getAttribute("type") !== "checkbox")) return;
    const list = items();
    const el = list[current];
    if (ev.key === "j") { focusAt(current + 1); ev.preventDefault(); return; }
    if (ev.key === "k") { focusAt(current - 1); ev.preventDefault(); return; }
    if (ev.key === "B") { document.getElementById("bulk-apply")?.click(); ev.preventDefault(); return; }
    if (!el) return;
    if (ev.key === "x") { const cb = el.querySelector("input[type=checkbox]"); if (cb) cb.checked = !cb.checked; ev.preventDefault(); return; }
    if (ev.key === "o") { window.location.href = `/moderation/items/${el.dataset.item}`; return; }
    const kind = KEYS[ev.key];
    if (!kind) return;
    ev.preventDefault();
    // Criticism removed on a page rule needs a written reason (RF 1:9): the item page asks for it.
    const guarded = el.dataset.criticism === "1" && el.dataset.basis !== "bbs-5" && (kind === "hide" || kind === "delete");
    if (guarded) window.location.href = `/moderation/items/${el.dataset.item}?kind=${kind}`;
    else void decide(el, kind);
  });

  // Live updates: fetch this page again and append items not shown yet.
  let refreshing = false;
  let again = false;
  async function refresh() {
    if (refreshing) { again = true; return; }
    refreshing = true;
    try {
      const res = await fetch(window.location.href, { credentials: "same-origin", headers: { accept: "text/html" } });
      const doc = new DOMParser().parseFromString(await res.text(), "text/html");
      const have = new Set(items().map((el) => el.dataset.item));
      let added = 0;
      for (const li of doc.querySelectorAll("#queue li.mod-item")) {
        if (have.has(li.dataset.item) || gone.has(li.dataset.item)) continue;
        queue.appendChild(document.importNode(li, true));
        added++;
      }
      if (added) {
        document.getElementById("queue-empty")?.remove();
        say(msg("msgNew", { n: added }));
        if (items().length === added) focusAt(0);
      }
    } finally {
      refreshing = false;
      if (again) { again = false; void refresh(); }
    }
  }
  if ("EventSource" in window) {
    // One connection per page: alert.js (the supervision banner) may have opened it already.
    const es = window.vaxelModerationEvents || new EventSource("/moderation/events");
    window.vaxelModerationEvents = es;
    // A flood sends many events: refresh at most once a second, and once more after the last.
    let timer = null;
    let last = 0;
    es.addEventListener("queue", () => {
      if (timer) return;
      const wait = Math.max(0, 1000 - (Date.now() - last));
      timer = setTimeout(() => { timer = null; last = Date.now(); void refresh(); }, wait);
    });
  }
  focusAt(0);
})();
