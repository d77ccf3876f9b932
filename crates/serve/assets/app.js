// mentorkit serve: small enhancements; every page works without them.
// 1. Sign-in: a tap records the mark at once (no page reload), and the row
//    says what is recorded. 2. What-if: changing a weight, a pin or a
//    forbidden pair recomputes the matches after a short pause.
"use strict";
(function () {
  const status = document.getElementById("status");
  function say(text) { if (status) { status.textContent = text; } }

  document.querySelectorAll("form.marks").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      const button = event.submitter;
      if (!button) { return; }
      event.preventDefault();
      const body = new URLSearchParams(new FormData(form));
      body.set("mark", button.value);
      const row = form.closest("li");
      fetch(form.action, { method: "POST", body: body, credentials: "same-origin",
        headers: { "Accept": "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (answer) {
          if (!answer.ok) { say(answer.error); window.alert(answer.error); return; }
          row.classList.remove("marked-present", "marked-absent", "marked-excused");
          row.classList.add("marked-" + answer.mark);
          form.querySelectorAll("button").forEach(function (b) {
            b.setAttribute("aria-pressed", b.value === answer.mark ? "true" : "false");
          });
          const now = row.querySelector(".now");
          if (now) { now.textContent = answer.mark; }
          const count = document.getElementById("present-count");
          if (count) { count.textContent = String(answer.present); }
          const name = row.querySelector(".name");
          say((name ? name.textContent : answer.person) + ": " + answer.mark);
        })
        .catch(function () { form.submit(); });
    });
  });

  const whatif = document.getElementById("whatif");
  const results = document.getElementById("results");
  if (whatif && results) {
    let timer = null;
    let asked = 0;
    const recompute = function () {
      const query = new URLSearchParams(new FormData(whatif)).toString();
      const mine = ++asked;
      fetch("/matching?" + query, { credentials: "same-origin" })
        .then(function (r) { return r.text(); })
        .then(function (html) {
          if (mine !== asked) { return; }
          const doc = new DOMParser().parseFromString(html, "text/html");
          const fresh = doc.getElementById("results");
          if (fresh) {
            results.innerHTML = fresh.innerHTML;
            history.replaceState(null, "", "/matching?" + query);
            const total = document.getElementById("whatif-total");
            say(total ? "Recomputed: total score " + total.textContent : "Recomputed");
          }
        });
    };
    whatif.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(recompute, 300);
    });
  }
})();
