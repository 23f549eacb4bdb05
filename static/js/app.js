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
