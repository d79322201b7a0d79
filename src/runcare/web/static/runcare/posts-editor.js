// The editor's live preview: the text is sent to the preview address a moment after the
// therapist stops typing; the answer (html made safe by the server, and the problems) is
// shown beside the text. Without this script the page still works: "Save" shows the same.
(function () {
  "use strict";
  const form = document.querySelector("form[data-preview-url]");
  if (!form) return;
  const source = form.querySelector("[data-preview-source]");
  const target = form.querySelector("[data-preview-target]");
  const problems = form.querySelector("[data-preview-problems]");
  const token = form.querySelector("input[name=csrfmiddlewaretoken]");
  if (!source || !target || !problems || !token) return;
  const WAIT_MS = 400;
  let timer = null;
  let sent = 0;

  function showProblems(list) {
    problems.replaceChildren();
    if (list.length === 0) {
      const ok = document.createElement("p");
      ok.className = "hint";
      ok.textContent = "No problems: every picture has its full credit.";
      problems.append(ok);
      return;
    }
    const head = document.createElement("p");
    head.className = "error";
    head.setAttribute("role", "alert");
    head.textContent = "Not ready to schedule or publish:";
    const items = document.createElement("ul");
    for (const text of list) {
      const item = document.createElement("li");
      item.textContent = text;
      items.append(item);
    }
    problems.append(head, items);
  }

  async function refresh() {
    const mine = ++sent;
    const body = new FormData();
    body.append("body", source.value);
    try {
      const response = await fetch(form.dataset.previewUrl, {
        method: "POST",
        body: body,
        headers: { "X-CSRFToken": token.value },
        credentials: "same-origin",
      });
      if (!response.ok || mine !== sent) return; // a newer preview is on its way
      const answer = await response.json();
      // The server's sanitiser made this html; the page's policy forbids scripts in it too.
      target.innerHTML = answer.html;
      showProblems(answer.problems);
      form.dataset.previewed = String(mine);
    } catch (error) {
      // Offline or logged out: the preview waits for the next change or for "Save".
    }
  }

  source.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, WAIT_MS);
  });
})();
