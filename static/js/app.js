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

// Record pickers: as the user types two characters (any script: 高雄, Yoko, にほ), suggestions from
// /lookup/<kind> in a list under the box ("Name [#id]"). Keyboard: arrows move, Enter chooses, Escape closes.
// In a box for several records (one per line) the line being typed is the query and the choice replaces it.
(function () {
  "use strict";
  var counter = 0;
  var MIN_CHARACTERS = 2;
  document.querySelectorAll("[data-picker]").forEach(function (input) {
    var kind = input.dataset.picker;
    var multi = input.dataset.pickerMulti === "1";
    var id = "picker-list-" + (++counter);
    var list = document.createElement("ul");
    list.id = id;
    list.className = "list-group picker-suggestions position-absolute shadow-sm d-none";
    list.setAttribute("role", "listbox");
    if (input.labels && input.labels.length) list.setAttribute("aria-label", input.labels[0].textContent.trim());
    input.after(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", id);
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("autocomplete", "off");
    var items = [];
    var active = -1;
    var timer = null;
    var asked = 0;

    // The line the caret is on (a box for several records) and where it starts and ends.
    var currentLine = function () {
      if (!multi) return {text: input.value, start: 0, end: input.value.length};
      var caret = input.selectionStart == null ? input.value.length : input.selectionStart;
      var start = input.value.lastIndexOf("\n", caret - 1) + 1;
      var end = input.value.indexOf("\n", caret);
      if (end < 0) end = input.value.length;
      return {text: input.value.slice(start, end), start: start, end: end};
    };
    var close = function () {
      list.classList.add("d-none");
      list.innerHTML = "";
      items = [];
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    };
    var highlight = function (index) {
      var options = list.querySelectorAll("[role=option]");
      options.forEach(function (option, i) {
        option.classList.toggle("active", i === index);
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({block: "nearest"});
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    };
    var choose = function (index) {
      var item = items[index];
      if (!item) return;
      if (multi) {
        var line = currentLine();
        var before = input.value.slice(0, line.start);
        var after = input.value.slice(line.end).replace(/^\n/, "");
        input.value = before + item.label + "\n" + after;
        var caret = (before + item.label + "\n").length;
        input.setSelectionRange(caret, caret);
      } else {
        input.value = item.label;
      }
      close();
      input.dispatchEvent(new Event("change", {bubbles: true}));
    };
    var show = function (found) {
      list.innerHTML = "";
      items = found;
      active = -1;
      if (!found.length) { close(); return; }
      list.style.width = input.offsetWidth + "px";
      found.forEach(function (item, i) {
        var option = document.createElement("li");
        option.id = id + "-" + i;
        option.className = "list-group-item list-group-item-action";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = item.label;
        // mousedown, not click: the box keeps the focus (its blur would close the list first)
        option.addEventListener("mousedown", function (event) { event.preventDefault(); choose(i); });
        list.appendChild(option);
      });
      list.classList.remove("d-none");
      input.setAttribute("aria-expanded", "true");
    };
    var suggest = function () {
      var query = currentLine().text.trim();
      if (Array.from(query).length < MIN_CHARACTERS || /\[#\d+\]$/.test(query)) { close(); return; }
      var mine = ++asked;
      fetch("/lookup/" + kind + "?q=" + encodeURIComponent(query), {credentials: "same-origin"})
        .then(function (response) { return response.ok ? response.json() : []; })
        .then(function (found) { if (mine === asked) show(found); })
        .catch(function () {});
    };
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(suggest, 200);
    });
    input.addEventListener("keydown", function (event) {
      var open = items.length > 0;
      if (event.key === "ArrowDown" && open) {
        event.preventDefault();
        highlight((active + 1) % items.length);
      } else if (event.key === "ArrowUp" && open) {
        event.preventDefault();
        highlight(active <= 0 ? items.length - 1 : active - 1);
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();  // choose, neither a new line nor submitting the form
        choose(active);
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
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
  var asked = 0;
  // The date and time boxes go as typed (2026-11-27, 115/11/27, 民國115年11月27日 ...): the server reads them
  // with the form's own fields, as the save will, and answers 400 to what it cannot read yet.
  var check = function () {
    if (!value("start_on").trim()) return;
    var params = new URLSearchParams();
    ["start_on", "start_time", "end_on", "end_time", "timezone"].forEach(function (name) {
      params.set(name, value(name));
    });
    if (form.elements.all_day && form.elements.all_day.checked) params.set("all_day", "y");
    params.set("venue", value("venue"));
    ["kind", "city", "latitude", "longitude"].forEach(function (name) { params.set(name, value(name)); });
    params.set("travel", value("travel_minutes"));
    if (form.dataset.exclude) params.set("exclude", form.dataset.exclude);
    if (form.dataset.delegation) params.set("delegation", form.dataset.delegation);
    form.querySelectorAll("input[name=leaders]:checked").forEach(function (el) { params.append("leader", el.value); });
    (value("contacts").match(/\[#(\d+)\]/g) || []).forEach(function (m) { params.append("contact", m.replace(/\D/g, "")); });
    var mine = ++asked;
    fetch(form.dataset.clashUrl + "?" + params.toString(), {credentials: "same-origin"})
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (items) {
        if (mine !== asked) return;  // an answer to an older question: a newer one is on its way
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
  // the days' holidays and closures: the dates go as typed too, read by the server's one date reader
  var days = function () {
    if (!notes || !form.dataset.dayUrl || !value("start_on").trim()) return;
    var params = new URLSearchParams({start_on: value("start_on"), timezone: value("timezone")});
    if (value("end_on").trim()) params.set("end_on", value("end_on"));
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
  var later = function () { clearTimeout(timer); timer = setTimeout(function () { check(); days(); }, 250); };
  form.addEventListener("change", later);
  // a date typed in a text box (ROC readers) is checked as it is typed, not only when the box is left
  ["start_on", "end_on", "start_time", "end_time"].forEach(function (name) {
    var box = form.elements[name];
    if (box) box.addEventListener("input", later);
  });
})();
