// Intl Desk: the leaders' week and month calendar (/schedule), on the vendored EventCalendar.
// Configuration and every string come from the page's <script type="application/json" id="calendar-config">;
// the events from /schedule/events.json for each range shown, with the filters of the form above it.
(function () {
  "use strict";

  var mount = document.querySelector("[data-calendar]");
  var configNode = document.getElementById("calendar-config");
  if (!mount || !configNode || typeof EventCalendar === "undefined") return;
  var config = JSON.parse(configNode.textContent);
  var text = config.text;
  var form = document.querySelector("[data-calendar-filters]");
  var errorBox = document.querySelector("[data-calendar-error]");
  var agendaLink = document.querySelector("[data-agenda-link]");
  var viewKeys = {};
  Object.keys(config.views).forEach(function (key) { viewKeys[config.views[key]] = key; });

  // Leaders' colours: set through the CSSOM, which the style-src policy allows (style attributes it does not).
  document.querySelectorAll("[data-swatch]").forEach(function (swatch) {
    if (/^#[0-9a-fA-F]{6}$/.test(swatch.dataset.swatch)) swatch.style.backgroundColor = swatch.dataset.swatch;
  });

  function filterParams() {
    var params = new URLSearchParams();
    if (!form) return params;
    form.querySelectorAll("input[name=leader]:checked").forEach(function (box) { params.append("leader", box.value); });
    var delegation = form.querySelector("select[name=delegation]");
    if (delegation && delegation.value) params.set("delegation", delegation.value);
    return params;
  }

  function isoDate(day) {
    // The library's dates hold office wall-clock time in their UTC fields.
    return day.toISOString().substring(0, 10);
  }

  function showError(message) {
    if (!errorBox) return;
    errorBox.textContent = message || "";
    errorBox.classList.toggle("d-none", !message);
  }

  function fetchEvents(info, success, failure) {
    var params = filterParams();
    params.set("start", info.startStr);
    params.set("end", info.endStr);
    fetch(config.eventsUrl + "?" + params.toString(), {credentials: "same-origin", headers: {Accept: "application/json"}})
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (events) { showError(""); success(events); })
      .catch(function (error) { showError(text.failed); failure(error); });
  }

  function eventContent(info) {
    var event = info.event;
    var props = event.extendedProps || {};
    var nodes = [];
    if (props.day) {  // a holiday, closure, typhoon or make-up workday: shading with its name
      var name = document.createElement("span");
      name.className = "intl-day-name";
      name.setAttribute("data-day-name", props.day);
      name.textContent = event.title;
      return {domNodes: [name]};
    }
    if (info.timeText && !event.allDay) {
      var time = document.createElement("span");
      time.className = "ec-event-time";
      time.textContent = info.timeText;
      nodes.push(time);
    }
    var label = document.createElement(props.url ? "a" : "span");
    // The link covers the whole event (Bootstrap's stretched-link), so that no eventClick handler is needed:
    // with one, the library makes the event a role=button holding this link (nested controls, WCAG 4.1.2).
    label.className = props.url ? "ec-event-title stretched-link" : "ec-event-title";
    label.textContent = event.title;
    if (props.url) label.href = props.url;
    if (props.leaders) label.title = props.leaders;
    if (props.cancelled) {
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = " (" + text.cancelled + ")";
      label.appendChild(hidden);
    }
    nodes.push(label);
    if (props.clash) {
      var mark = document.createElement("span");
      mark.className = "intl-clash-mark";
      mark.setAttribute("data-clash-mark", "");
      mark.title = props.clash;
      mark.textContent = "⚠ " + text.clash;
      var said = document.createElement("span");
      said.className = "visually-hidden";
      said.textContent = ": " + props.clash;
      mark.appendChild(said);
      nodes.push(mark);
    }
    return {domNodes: nodes};
  }

  // Keep the form's hidden view/date, the address bar and the agenda link on the period and filters shown.
  var shownView = null;
  function syncAddress() {
    if (!shownView) return;
    var view = viewKeys[shownView.type] || "week";
    var shown = isoDate(shownView.currentStart);
    if (form) {
      form.elements.view.value = view;
      form.elements.date.value = shown;
    }
    var address = filterParams();
    address.set("view", view);
    address.set("date", shown);
    window.history.replaceState(null, "", window.location.pathname + "?" + address.toString());
    if (agendaLink) {
      var agenda = filterParams();
      agenda.delete("delegation");
      agenda.set("from", isoDate(shownView.activeStart));
      agenda.set("to", isoDate(new Date(shownView.activeEnd.getTime() - 86400000)));
      agendaLink.href = config.agendaUrl + "?" + agenda.toString();
    }
  }

  function datesSet(info) {
    shownView = info.view;
    syncAddress();
  }

  // For ROC readers the page asks for the ROC calendar ("zh-Hant-TW-u-ca-roc"); the browser writes its ranges
  // all in digits ("民國 116-04-18 – 116-04-24"), so the week's title is put together from single dates, which
  // it writes as officers do (民國116年4月18日). The library's dates hold office time in their UTC fields.
  var roc = /-u-ca-roc$/.test(config.locale);
  function rocWeekTitle(start, end) {
    var write = function (options) {
      return new Intl.DateTimeFormat(config.locale, Object.assign({timeZone: "UTC"}, options)).format;
    };
    var full = write({year: "numeric", month: "long", day: "numeric"});
    var last = start.getUTCFullYear() !== end.getUTCFullYear() ? full
      : start.getUTCMonth() !== end.getUTCMonth() ? write({month: "long", day: "numeric"})
      : write({day: "numeric"});
    return full(start) + " – " + last(end);
  }

  function buttons(previous, next) {
    return function (defaults) {
      return Object.assign({}, defaults, {
        today: text.today, timeGridWeek: text.week, dayGridMonth: text.month, prev: previous, next: next
      });
    };
  }

  var calendar = EventCalendar.create(mount, {
    view: config.view,
    date: config.date,
    locale: config.locale,
    timeZone: config.timeZone,
    firstDay: config.firstDay,
    headerToolbar: {start: "prev,next today", center: "title", end: "timeGridWeek,dayGridMonth"},
    buttonText: buttons(text.previousWeek, text.nextWeek),
    views: {
      // the month written out: "April 18 – 24, 2027", "2027年4月18日至24日", "民國116年4月18日 – 24日" (ROC)
      timeGridWeek: {
        buttonText: buttons(text.previousWeek, text.nextWeek),
        titleFormat: roc ? rocWeekTitle : {year: "numeric", month: "long", day: "numeric"}
      },
      dayGridMonth: {buttonText: buttons(text.previousMonth, text.nextMonth)}
    },
    allDayContent: text.allDay,
    height: "auto",
    scrollTime: "08:00:00",
    slotMinTime: "06:00:00",
    slotMaxTime: "23:00:00",
    flexibleSlotTimeLimits: true,
    nowIndicator: true,
    dayMaxEvents: true,
    eventTimeFormat: {hour: "2-digit", minute: "2-digit", hour12: false},
    slotLabelFormat: {hour: "2-digit", minute: "2-digit", hour12: false},
    eventSources: [{events: fetchEvents}],
    eventContent: eventContent,
    loading: function (isLoading) { mount.setAttribute("aria-busy", isLoading ? "true" : "false"); },
    datesSet: datesSet
  });

  // The library marks its grid up with table roles that do not form a table (cells straight in row groups,
  // the toolbar inside the table), which assistive technology cannot read and WCAG 1.3.1/4.1.2 fail. The grid
  // is a picture of the week; its content is the events' links, in time order, after the day headings, and
  // the agenda gives the same engagements as a list. So the grid's roles (and their aria-col* attributes)
  // are taken off as the library draws, and the day headings keep their dates as text for screen readers.
  var GRID_ROLES = {table: 1, row: 1, rowgroup: 1, cell: 1, gridcell: 1, columnheader: 1, rowheader: 1};
  function plainGrid(root) {
    var nodes = [root].concat(Array.prototype.slice.call(root.querySelectorAll("[role], [aria-colindex], [aria-colspan]")));
    nodes.forEach(function (node) {
      if (GRID_ROLES[node.getAttribute("role")]) node.removeAttribute("role");
      node.removeAttribute("aria-colindex");
      node.removeAttribute("aria-colspan");
    });
  }
  plainGrid(mount);
  new MutationObserver(function () { plainGrid(mount); })
    .observe(mount, {subtree: true, childList: true, attributes: true, attributeFilter: ["role", "aria-colindex", "aria-colspan"]});

  // Filters apply at once; the Show button stays for a full reload (it also refreshes the delegation list).
  if (form) {
    form.addEventListener("change", function (event) {
      if (event.target.name !== "leader" && event.target.name !== "delegation") return;
      syncAddress();
      calendar.refetchEvents();
    });
  }
})();
