// The seating plan: move people by drag and drop, or by keyboard (Enter on a person picks them up, Enter on a
// seat puts them there, Escape lets go; arrow keys go from seat to seat). Each move is saved at once; the
// server answers the plan again with the conventions it now breaks, which replaces the shown plan.
(function () {
  "use strict";
  var root = document.querySelector("[data-seating-plan]");
  if (!root) { return; }
  var announce = root.querySelector("[data-announce]");
  var picked = null;

  function say(text) { if (announce) { announce.textContent = text; } }

  function targets() { return Array.prototype.slice.call(root.querySelectorAll("[data-seat]:not([disabled])")); }

  function clearPicked() {
    if (picked) { picked.classList.remove("active"); picked.setAttribute("aria-pressed", "false"); }
    picked = null;
  }

  function pick(button) {
    clearPicked();
    picked = button;
    button.classList.add("active");
    button.setAttribute("aria-pressed", "true");
    say(root.dataset.pickedText.replace("{name}", button.dataset.name || ""));
  }

  function move(participantId, table, seat, focusAfter) {
    var body = new FormData();
    body.append("csrf_token", root.dataset.csrf);
    body.append("participant_id", participantId);
    if (table) { body.append("table", table); body.append("seat", seat); }
    return fetch(root.dataset.moveUrl, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-Requested-With": "fetch", "X-CSRFToken": root.dataset.csrf }
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.text();
    }).then(function (html) {
      var holder = document.createElement("div");
      holder.innerHTML = html;
      var fresh = holder.querySelector("[data-plan-body]");
      root.querySelector("[data-plan-body]").replaceWith(fresh);
      var warnings = fresh.querySelector("[data-warnings]");
      say(warnings ? warnings.textContent.trim().slice(0, 300) : "");
      if (focusAfter) {
        var again = root.querySelector('[data-seat][data-table="' + table + '"][data-seat-no="' + seat + '"]');
        if (again) { again.focus(); }
      }
    }).catch(function () { say(root.dataset.failedText); });
  }

  function place(target) {
    if (!picked) { return false; }
    var who = picked.dataset.participant;
    clearPicked();
    if (target.hasAttribute("data-unseated")) { move(who, "", "", false); return true; }
    move(who, target.dataset.table, target.dataset.seatNo, true);
    return true;
  }

  root.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-participant], button[data-seat]");
    if (!button || button.disabled) { return; }
    if (picked && button !== picked && button.hasAttribute("data-seat")) { place(button); return; }
    if (picked === button) { clearPicked(); say(root.dataset.cancelledText); return; }
    if (button.dataset.participant) { pick(button); }
  });

  root.addEventListener("keydown", function (event) {
    var seat = event.target.closest("[data-seat]");
    if (event.key === "Escape" && picked) { clearPicked(); say(root.dataset.cancelledText); return; }
    if (!seat || ["ArrowRight", "ArrowDown", "ArrowLeft", "ArrowUp"].indexOf(event.key) < 0) { return; }
    var all = targets();
    var index = all.indexOf(seat);
    var step = (event.key === "ArrowRight" || event.key === "ArrowDown") ? 1 : -1;
    var next = all[index + step];
    if (next) { event.preventDefault(); next.focus(); }
  });

  // Drag and drop: a person onto a seat (or onto the unseated area).
  root.addEventListener("dragstart", function (event) {
    var button = event.target.closest("[data-participant]");
    if (!button) { return; }
    pick(button);
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", button.dataset.participant);
  });
  root.addEventListener("dragover", function (event) {
    var target = event.target.closest("[data-seat], [data-unseated]");
    if (target && picked) { event.preventDefault(); target.classList.add("border-primary"); }
  });
  root.addEventListener("dragleave", function (event) {
    var target = event.target.closest("[data-seat], [data-unseated]");
    if (target) { target.classList.remove("border-primary"); }
  });
  root.addEventListener("drop", function (event) {
    var target = event.target.closest("[data-seat], [data-unseated]");
    if (!target || !picked) { return; }
    event.preventDefault();
    target.classList.remove("border-primary");
    if (target === picked) { clearPicked(); return; }
    place(target);
  });
  root.addEventListener("dragend", function () {
    root.querySelectorAll(".border-primary").forEach(function (el) { el.classList.remove("border-primary"); });
  });
})();
