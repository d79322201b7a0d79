// The guided home-stretch timer. It only PLAYS the schedule the server computed (the JSON
// in #stretch-schedule): no timing rule lives here. All time comes from clockS(), so a test
// can run the program fast with ?speed=N.
(function () {
  "use strict";
  var root = document.getElementById("stretch-timer");
  if (!root) { return; }
  var schedule = JSON.parse(document.getElementById("stretch-schedule").textContent);
  var phases = schedule.phases;
  var OUTBOX = "runcare.stretches.outbox";
  var MUTE = "runcare.stretches.mute";
  var el = function (id) { return document.getElementById(id); };
  var speedParam = Number(new URLSearchParams(window.location.search).get("speed"));
  var speed = speedParam > 0 ? speedParam : 1;

  function clockS() { return (performance.now() * speed) / 1000; }

  var index = -1;          // the phase playing; phases.length once finished
  var phaseStart = 0;      // clockS() when the current phase began (moved on resume)
  var pausedAt = null;     // clockS() when paused, else null
  var ticker = null;
  var audio = null;
  var wakeLock = null;
  var finishedAt = null;

  function figures() { return root.querySelectorAll(".timer-figure"); }
  function figureOf(key) {
    var found = null;
    figures().forEach(function (f) { if (f.dataset.exercise === key) { found = f; } });
    return found;
  }

  function muted() { return el("timer-mute").checked; }

  function beep(freq) {
    if (muted() || !audio) { return; }
    var osc = audio.createOscillator();
    var gain = audio.createGain();
    osc.frequency.value = freq;
    gain.gain.value = 0.2;
    osc.connect(gain);
    gain.connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + 0.15);
  }

  function say(text) {
    var log = document.createElement("li");
    log.textContent = text;
    el("timer-cues").appendChild(log);
    el("timer-cue").textContent = text;
    if (muted() || !("speechSynthesis" in window)) { return; }
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(new SpeechSynthesisUtterance(text));
  }

  function show(phase) {
    var fig = figureOf(phase.exercise);
    figures().forEach(function (f) { f.hidden = f !== fig; });
    el("timer-exercise").textContent = fig ? fig.dataset.name : phase.exercise;
    el("timer-set").textContent = fig ? "Set " + phase.set + " of " + fig.dataset.sets + "." : "";
    el("timer-rep").textContent = phase.rep && fig ? "Rep " + phase.rep + " of " + fig.dataset.reps + "." : "";
    el("timer-side").textContent = phase.side ? phase.side.charAt(0).toUpperCase() + phase.side.slice(1) + " side." : "";
    root.dataset.phase = phase.phase;
  }

  function enter(i, at) {
    index = i;
    phaseStart = at;
    if (index >= phases.length) { finish(); return; }
    var phase = phases[index];
    show(phase);
    beep(phase.phase === "hold" ? 880 : 660);
    say(phase.cue);
    el("timer-digits").textContent = String(Math.ceil(phase.duration_s));
  }

  function tick() {
    if (pausedAt !== null || index < 0 || index >= phases.length) { return; }
    var now = clockS();
    // Several phases may end between two ticks on a fast clock: play each one's cue in order.
    while (index < phases.length && now - phaseStart >= phases[index].duration_s) {
      enter(index + 1, phaseStart + phases[index].duration_s);
    }
    if (index < phases.length) {
      var left = phases[index].duration_s - (now - phaseStart);
      el("timer-digits").textContent = String(Math.max(0, Math.ceil(left)));
    }
  }

  function keepAwake() {
    if (!("wakeLock" in navigator) || wakeLock) { return; }
    navigator.wakeLock.request("screen").then(function (lock) {
      wakeLock = lock;
      lock.addEventListener("release", function () { wakeLock = null; });
    }).catch(function () { wakeLock = null; });
  }

  function letSleep() {
    if (wakeLock) { wakeLock.release(); wakeLock = null; }
  }

  function setControls(running) {
    el("timer-start").disabled = running;
    el("timer-pause").disabled = !running;
    el("timer-back").disabled = !running;
    el("timer-skip").disabled = !running;
  }

  function start() {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (Ctx && !audio) { audio = new Ctx(); }
    el("timer-done").hidden = true;
    el("timer-cues").textContent = "";
    pausedAt = null;
    setControls(true);
    el("timer-pause").textContent = "Pause";
    keepAwake();
    enter(0, clockS());
    if (ticker === null) { ticker = window.setInterval(tick, 50); }
  }

  function togglePause() {
    if (pausedAt === null) {
      pausedAt = clockS();
      el("timer-pause").textContent = "Resume";
      root.dataset.paused = "true";
      letSleep();
    } else {
      phaseStart += clockS() - pausedAt;
      pausedAt = null;
      el("timer-pause").textContent = "Pause";
      delete root.dataset.paused;
      keepAwake();
    }
  }

  function jump(step) {
    if (index < 0 || index >= phases.length) { return; }
    var target = Math.max(0, index + step);
    var now = pausedAt === null ? clockS() : pausedAt;
    enter(target, now);
  }

  function finish() {
    window.clearInterval(ticker);
    ticker = null;
    setControls(false);
    el("timer-start").textContent = "Start again";
    el("timer-digits").textContent = "0";
    el("timer-exercise").textContent = "Done";
    root.dataset.phase = "done";
    figures().forEach(function (f) { f.hidden = true; });
    finishedAt = new Date().toISOString();
    beep(1320);
    letSleep();
    el("timer-done").hidden = false;
  }

  function newId() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function outbox() {
    try { return JSON.parse(window.localStorage.getItem(OUTBOX) || "[]"); } catch (e) { return []; }
  }
  function saveOutbox(list) {
    window.localStorage.setItem(OUTBOX, JSON.stringify(list));
    el("timer-waiting-count").textContent = String(list.length);
    el("timer-waiting").hidden = list.length === 0;
  }

  function csrf() { return el("timer-done").querySelector("input[name=csrfmiddlewaretoken]").value; }

  var sending = false;
  function flush() {
    var list = outbox();
    if (sending || list.length === 0) { saveOutbox(list); return Promise.resolve(); }
    sending = true;
    var entry = list[0];
    return fetch(root.dataset.logUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: JSON.stringify(entry)
    }).then(function (response) {
      sending = false;
      // Logged out meanwhile: the answer is the login page. Keep the entry for later.
      if (response.redirected) {
        saveOutbox(outbox());
        el("timer-status").textContent = "Log in again to send the session kept on this phone.";
        return undefined;
      }
      // Sent (or refused for good: a bad entry never gets better) - drop it; retry others.
      if (response.ok || (response.status >= 400 && response.status < 500 && response.status !== 403)) {
        saveOutbox(outbox().filter(function (e) { return e.id !== entry.id; }));
        el("timer-status").textContent = response.ok ? "Logged. Thank you." : "That entry could not be logged.";
        return flush();
      }
      saveOutbox(outbox());
      return undefined;
    }).catch(function () {
      sending = false;
      saveOutbox(outbox());
      el("timer-status").textContent = "No connection: the session is kept on this phone and sent later.";
    });
  }

  function logSession(event) {
    event.preventDefault();
    var pain = el("timer-pain").value;
    var entry = {
      id: newId(),
      version: Number(root.dataset.version),
      pain_0_10: pain === "" ? null : Number(pain),
      finished_at: finishedAt || new Date().toISOString()
    };
    saveOutbox(outbox().concat([entry]));
    el("timer-done").hidden = true;
    flush();
  }

  el("timer-mute").checked = window.localStorage.getItem(MUTE) === "1";
  el("timer-mute").addEventListener("change", function () {
    window.localStorage.setItem(MUTE, muted() ? "1" : "0");
    if (muted() && "speechSynthesis" in window) { window.speechSynthesis.cancel(); }
  });
  el("timer-start").addEventListener("click", start);
  el("timer-pause").addEventListener("click", togglePause);
  el("timer-back").addEventListener("click", function () { jump(-1); });
  el("timer-skip").addEventListener("click", function () { jump(1); });
  el("timer-done").addEventListener("submit", logSession);
  window.addEventListener("online", flush);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && ticker !== null && pausedAt === null) { keepAwake(); }
  });
  flush();
}());
