// Fills a sign-up form's hidden time-zone field with the browser's own zone (an IANA
// name such as "Europe/Berlin"), so a new account counts its runs on local days. Without
// JavaScript the field stays empty and the account takes the clinic's zone.
(function () {
  "use strict";
  var zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    return;
  }
  var fields = document.querySelectorAll("input[data-browser-time-zone]");
  for (var i = 0; i < fields.length; i++) {
    fields[i].value = zone;
  }
})();
