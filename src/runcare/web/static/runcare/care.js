// The plan's "Print" button; a script file, not an inline handler, so the page's content
// security policy can forbid inline scripts.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-print]")) {
    button.addEventListener("click", () => window.print());
  }
});
