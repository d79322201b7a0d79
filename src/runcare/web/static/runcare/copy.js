// A read-only field holding a link to send (class "copy"): one click selects all of it,
// ready to copy. A button with data-copy="<field id>" puts the field's text on the
// clipboard. A static file, not an onclick attribute: the pages allow no inline script.
(function () {
  "use strict";
  document.querySelectorAll("input.copy").forEach(function (input) {
    var selectAll = function () { input.select(); };
    input.addEventListener("click", selectAll);
    input.addEventListener("focus", selectAll);
  });
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) { return; }
    var label = button.textContent;
    var done = function () {
      button.textContent = "Copied";
      window.setTimeout(function () { button.textContent = label; }, 2000);
    };
    button.addEventListener("click", function () {
      field.select();
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () {});
      } else if (document.execCommand("copy")) {
        done();
      }
    });
  });
})();
