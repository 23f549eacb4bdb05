// Dashboard: the activities-per-month chart (vendored Chart.js). Its data comes from the page's
// <script type="application/json" id="chart-data"> block; the same figures are in the table below it.
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  var canvas = document.getElementById("activity-chart");
  if (!source || !canvas || typeof window.Chart === "undefined") return;
  var data = JSON.parse(source.textContent);
  // the page's fonts (the vendored Noto Sans TC among them), so that Chinese labels draw on any machine
  window.Chart.defaults.font.family = window.getComputedStyle(document.body).fontFamily;
  var palette = {
    tourism: "#17a2b8", trade: "#2471a3", culture: "#c0392b", education: "#e67e22", sport: "#1e8449",
    health: "#8e44ad", technology: "#34495e", government: "#b9770e", other: "#7f8c8d", none: "#bdc3c7"
  };
  var datasets = data.datasets.map(function (set) {
    return {label: set.label, data: set.data, backgroundColor: palette[set.key] || "#95a5a6", borderWidth: 0};
  });
  new window.Chart(canvas, {
    type: "bar",
    data: {labels: data.labels, datasets: datasets},
    options: {
      maintainAspectRatio: false,
      animation: false,
      plugins: {legend: {position: "bottom", labels: {boxWidth: 12}}},
      scales: {x: {stacked: true}, y: {stacked: true, beginAtZero: true, ticks: {precision: 0}}}
    }
  });
  canvas.dataset.chartReady = "1";
})();
