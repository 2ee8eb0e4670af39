// Progress of a bulk job without reloading: polls the job's JSON once a
// second and updates the progress bar and the status line (a live region, so
// a screen reader hears it); when the job ends the page reloads once to list
// the items left for individual handling.
(() => {
  "use strict";
  const status = document.getElementById("bulk-status");
  const bar = document.getElementById("bulk-progress");
  if (!status || !bar || status.dataset.finished === "1") return;
  const id = status.dataset.job;
  async function poll() {
    try {
      const res = await fetch(`/api/v1/moderation/bulk-jobs/${id}`, { credentials: "same-origin", headers: { accept: "application/json" } });
      if (res.ok) {
        const s = await res.json();
        bar.value = s.done + s.skipped;
        bar.textContent = `${s.done + s.skipped} / ${s.total}`;
        status.textContent = s.message;
        if (s.finished) { window.location.reload(); return; }
      }
    } catch { /* a dropped request: try again */ }
    setTimeout(poll, 1000);
  }
  setTimeout(poll, 1000);
})();
