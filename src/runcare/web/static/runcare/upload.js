// Uploads: send the files with a progress bar of the bytes sent, then follow the import.
// Without JavaScript the form posts normally and the status page refreshes itself.
(function () {
  "use strict";

  var MB = 1024 * 1024;

  function formatSize(bytes) {
    if (bytes >= 1024 * MB) return (bytes / (1024 * MB)).toFixed(1) + " GB";
    if (bytes >= 10 * MB) return Math.round(bytes / MB) + " MB";
    return (bytes / MB).toFixed(1) + " MB";
  }

  function setUpForm(form) {
    var input = form.querySelector("input[type=file]");
    var sending = form.querySelector("[data-upload-sending]");
    var bar = sending.querySelector("progress");
    var text = sending.querySelector("[data-upload-text]");
    var errorBox = form.querySelector("[data-upload-error]");
    var button = form.querySelector("button[type=submit]");
    var maxBytes = Number(form.dataset.maxBytes);

    function showError(message) {
      errorBox.textContent = message;
      errorBox.hidden = false;
      sending.hidden = true;
      button.disabled = false;
    }

    form.addEventListener("submit", function (event) {
      if (!window.FormData || !input.files || input.files.length === 0) return;
      event.preventDefault();
      var total = 0;
      for (var i = 0; i < input.files.length; i++) total += input.files[i].size;
      if (total > maxBytes) {
        showError("These files are " + formatSize(total) + ", more than the limit of " +
          form.dataset.limitText + " per upload. Upload fewer files at a time.");
        return;
      }
      var data = new FormData(form);
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.getAttribute("action") || window.location.href);
      xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
      xhr.upload.addEventListener("progress", function (e) {
        if (!e.lengthComputable) return;
        bar.max = e.total;
        bar.value = e.loaded;
        text.textContent = "Sent " + formatSize(e.loaded) + " of " + formatSize(e.total) +
          " (" + Math.floor((100 * e.loaded) / e.total) + " %)";
      });
      xhr.addEventListener("load", function () {
        var reply = null;
        try { reply = JSON.parse(xhr.responseText); } catch (ignored) { reply = null; }
        if (xhr.status === 201 && reply && reply.status_url) {
          text.textContent = "All sent. Opening the import…";
          window.location.assign(reply.status_url);
          return;
        }
        var errors = reply && reply.errors && reply.errors.length ? reply.errors.join(" ") : "";
        showError(errors || "The upload did not work (error " + xhr.status + "). Please try again.");
      });
      xhr.addEventListener("error", function () {
        showError("The connection was lost while sending. Nothing was stored; please try again.");
      });
      errorBox.hidden = true;
      sending.hidden = false;
      button.disabled = true;
      bar.removeAttribute("value");
      text.textContent = "Starting to send " + formatSize(total) + "…";
      xhr.send(data);
    });
  }

  function setUpStatus(section) {
    var url = section.dataset.progressUrl;
    var bar = section.querySelector("progress");
    var files = section.querySelector("[data-progress-files]");
    var state = section.querySelector("[data-progress-state]");
    var queuedHint = section.querySelector("[data-queued-hint]");

    function show(progress) {
      if (progress.files_total > 0) {
        bar.max = progress.files_total;
        bar.value = Math.min(progress.files_done, progress.files_total);
      }
      files.textContent = progress.files_done + " of " + progress.files_total + " files";
      state.textContent = progress.status === "queued"
        ? "Waiting for the importer to start…" : "Reading the files…";
      if (queuedHint && progress.status !== "queued") queuedHint.hidden = true;
    }

    function poll() {
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(function (progress) {
          if (progress.status === "done" || progress.status === "failed") {
            // The page itself shows the result; one reload renders it.
            window.location.reload();
            return;
          }
          show(progress);
          window.setTimeout(poll, 1000);
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    }

    window.setTimeout(poll, 1000);
  }

  document.querySelectorAll("[data-upload-form]").forEach(setUpForm);
  document.querySelectorAll("[data-progress-url]").forEach(setUpStatus);
})();
