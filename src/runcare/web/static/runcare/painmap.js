// The pain map, made clickable. The form's per-region inputs stay the source of truth: the
// drawing writes into them and redraws from them, so the page works the same without this.
(function () {
  "use strict";

  var MAX = 10;

  function setup(figure) {
    var svg = figure.querySelector("svg");
    var ramp = JSON.parse(svg.getAttribute("data-ramp"));
    var ink = JSON.parse(svg.getAttribute("data-ink"));
    var halo = JSON.parse(svg.getAttribute("data-halo"));
    var status = document.createElement("p");
    status.className = "painmap-status";
    status.setAttribute("aria-live", "polite");
    figure.appendChild(status);
    figure.classList.add("painmap-ready");

    figure.querySelectorAll(".painmap-region[data-input]").forEach(function (region) {
      var input = document.getElementById(region.getAttribute("data-input"));
      if (!input) {
        return;
      }
      var name = region.querySelector("title").textContent;
      var number = region.parentNode.querySelector(".painmap-score");

      function current() {
        var value = parseInt(input.value, 10);
        return isNaN(value) || value < 0 || value > MAX ? 0 : value;
      }

      function paint() {
        var score = current();
        region.setAttribute("fill", ramp[score]);
        region.setAttribute("data-score", String(score));
        region.setAttribute("aria-label", name + ", pain " + score + " of " + MAX);
        number.textContent = score > 0 ? String(score) : "";
        number.setAttribute("fill", ink[score]);
        number.setAttribute("stroke", halo[score]);
      }

      function set(score) {
        input.value = String(Math.max(0, Math.min(MAX, score)));
        input.dispatchEvent(new Event("change", { bubbles: true }));
        figure.querySelectorAll(".painmap-region.is-selected").forEach(function (other) {
          other.classList.remove("is-selected");
        });
        region.classList.add("is-selected");
        status.textContent = name + ": " + current() + " of " + MAX;
      }

      region.addEventListener("click", function (event) {
        var score = current();
        if (event.shiftKey) {
          set(score - 1);
        } else {
          set(score >= MAX ? 0 : score + 1);
        }
      });

      region.addEventListener("keydown", function (event) {
        var score = current();
        var key = event.key;
        if (key === "Enter" || key === " " || key === "Spacebar") {
          set(score >= MAX ? 0 : score + 1);
        } else if (key === "ArrowUp" || key === "ArrowRight" || key === "+") {
          set(score + 1);
        } else if (key === "ArrowDown" || key === "ArrowLeft" || key === "-") {
          set(score - 1);
        } else if (/^[0-9]$/.test(key)) {
          set(parseInt(key, 10));
        } else if (key === "Delete" || key === "Backspace") {
          set(0);
        } else {
          return;
        }
        event.preventDefault();
      });

      input.addEventListener("change", paint);
      input.addEventListener("input", paint);
      paint();
    });
  }

  document.querySelectorAll('[data-painmap][data-editable="true"]').forEach(setup);
})();
