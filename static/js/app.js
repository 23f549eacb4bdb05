// Intl Desk: small progressive enhancements. Every page works without them.
(function () {
  "use strict";

  // Ask before destructive actions (forms marked data-confirm="question").
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });

  // Names editor: clone the last row to add another language.
  document.querySelectorAll("[data-names-editor]").forEach(function (editor) {
    var button = editor.querySelector("[data-add-name-row]");
    if (!button) return;
    button.addEventListener("click", function () {
      var rows = editor.querySelectorAll(".names-row");
      var last = rows[rows.length - 1];
      var copy = last.cloneNode(true);
      var index = rows.length;
      copy.querySelectorAll("select, input").forEach(function (el) {
        el.name = el.name.replace(/-\d+-/, "-" + index + "-");
        el.id = el.id.replace(/-\d+-/, "-" + index + "-");
        el.value = "";
      });
      last.after(copy);
    });
  });

  // Copy buttons (data-copy="id of the input to copy"): the text goes to the clipboard, the button says so.
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var input = document.getElementById(button.dataset.copy);
      if (!input) return;
      input.select();
      var done = function () {
        if (button.dataset.copied) button.textContent = button.dataset.copied;
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(done, function () {});
      } else if (document.execCommand && document.execCommand("copy")) {
        done();
      }
    });
  });

  // Partner form: offer only the time zones of the chosen country.
  var zoneData = document.getElementById("zones-by-country");
  var countrySelect = document.querySelector("[data-country-select]");
  var zoneSelect = document.querySelector("[data-zone-select]");
  if (zoneData && countrySelect && zoneSelect) {
    var zones = JSON.parse(zoneData.textContent);
    var refresh = function () {
      var current = zoneSelect.value;
      var options = zones[countrySelect.value] || [];
      zoneSelect.innerHTML = "";
      var blank = document.createElement("option");
      blank.value = "";
      blank.textContent = "—";
      zoneSelect.appendChild(blank);
      options.forEach(function (zone) {
        var option = document.createElement("option");
        option.value = zone;
        option.textContent = zone;
        zoneSelect.appendChild(option);
      });
      if (options.indexOf(current) >= 0) zoneSelect.value = current;
      else if (options.length === 1) zoneSelect.value = options[0];
    };
    countrySelect.addEventListener("change", refresh);
  }
})();

// Record pickers: suggestions from /lookup/<kind> in a <datalist> as the user types ("Name [#id]").
(function () {
  "use strict";
  var counter = 0;
  document.querySelectorAll("[data-picker]").forEach(function (input) {
    var kind = input.dataset.picker;
    var multi = input.dataset.pickerMulti === "1";
    var list = document.createElement("datalist");
    list.id = "picker-list-" + (++counter);
    input.after(list);
    if (!multi) input.setAttribute("list", list.id);
    var timer = null;
    var lastQuery = "";
    var currentText = function () {
      if (!multi) return input.value;
      var lines = input.value.split("\n");
      return lines[lines.length - 1];
    };
    var suggest = function () {
      var query = currentText().trim();
      if (query.length < 1 || query === lastQuery || /\[#\d+\]$/.test(query)) return;
      lastQuery = query;
      fetch("/lookup/" + kind + "?q=" + encodeURIComponent(query), {credentials: "same-origin"})
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (items) {
          list.innerHTML = "";
          items.forEach(function (item) {
            var option = document.createElement("option");
            option.value = item.label;
            list.appendChild(option);
          });
          if (multi && items.length) {
            // a textarea cannot use a datalist: offer the first suggestion as a button-like hint
            input.title = items.map(function (i) { return i.label; }).join("\n");
          }
        })
        .catch(function () {});
    };
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(suggest, 200);
    });
  });
})();

// Engagement form: warn of clashes while the officer types (the server checks again on save).
(function () {
  "use strict";
  var form = document.querySelector("[data-engagement-form]");
  var box = document.querySelector("[data-clashes]");
  var messages = document.getElementById("clash-messages");
  if (!form || !box || !messages) return;
  messages = JSON.parse(messages.textContent);
  var list = box.querySelector("[data-clash-list]");
  var value = function (name) { var el = form.elements[name]; return el ? el.value : ""; };
  var timer = null;
  var check = function () {
    var day = value("start_on"), time = value("start_time");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return;
    var params = new URLSearchParams();
    params.set("start", day + "T" + (time || "00:00"));
    var endDay = value("end_on") || day, endTime = value("end_time");
    if (endTime) params.set("end", endDay + "T" + endTime);
    params.set("timezone", value("timezone"));
    params.set("venue", value("venue"));
    ["kind", "city", "latitude", "longitude"].forEach(function (name) { params.set(name, value(name)); });
    params.set("travel", value("travel_minutes"));
    if (form.dataset.exclude) params.set("exclude", form.dataset.exclude);
    if (form.dataset.delegation) params.set("delegation", form.dataset.delegation);
    form.querySelectorAll("input[name=leaders]:checked").forEach(function (el) { params.append("leader", el.value); });
    (value("contacts").match(/\[#(\d+)\]/g) || []).forEach(function (m) { params.append("contact", m.replace(/\D/g, "")); });
    fetch(form.dataset.clashUrl + "?" + params.toString(), {credentials: "same-origin"})
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (items) {
        list.innerHTML = "";
        items.forEach(function (item) {
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = item.url; a.textContent = item.title; a.target = "_blank"; a.rel = "noopener";
          li.appendChild(a);
          var why = item.reason === "venue" ? messages.venue : item.reason === "transfer" ? messages.transfer
            : (messages[item.reason] || messages.busy).replace("%(who)s", item.who);
          li.appendChild(document.createTextNode(" · " + item.when + " · " + why));
          list.appendChild(li);
        });
        box.classList.toggle("d-none", items.length === 0);
      })
      .catch(function () {});
  };
  var notes = document.querySelector("[data-day-notes]");
  var days = function () {
    var day = value("start_on");
    if (!notes || !form.dataset.dayUrl || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return;
    var params = new URLSearchParams({start_on: day, timezone: value("timezone")});
    if (/^\d{4}-\d{2}-\d{2}$/.test(value("end_on"))) params.set("end_on", value("end_on"));
    fetch(form.dataset.dayUrl + "?" + params.toString(), {credentials: "same-origin"})
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (items) {
        var list = notes.querySelector("[data-day-note-list]");
        list.innerHTML = "";
        items.forEach(function (item) {
          var li = document.createElement("li");
          li.setAttribute("data-day-note", item.kind);
          li.textContent = item.date + ": " + item.name;
          list.appendChild(li);
        });
        notes.classList.toggle("d-none", items.length === 0);
      })
      .catch(function () {});
  };
  form.addEventListener("change", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { check(); days(); }, 250);
  });
})();
