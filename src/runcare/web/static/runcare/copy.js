// A read-only field holding a link to send (class "copy"): one click selects all of it,
// ready to copy. A static file, not an onclick attribute: the pages allow no inline script.
(function () {
  "use strict";
  document.querySelectorAll("input.copy").forEach(function (input) {
    var selectAll = function () { input.select(); };
    input.addEventListener("click", selectAll);
    input.addEventListener("focus", selectAll);
  });
})();
