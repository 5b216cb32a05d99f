// Draws the dashboard's charts with the vendored ECharts; clicking a bar opens the orders behind it.
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("figures-data");
    if (!source || typeof echarts === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var narrow = window.matchMedia("(max-width: 40rem)").matches;
    var charts = [];

    function bars(id, rows, onClick) {
      var el = document.getElementById(id);
      if (!el || !rows.length) { if (el) { el.hidden = true; } return; }
      var chart = echarts.init(el, null, { renderer: "svg" });
      chart.setOption({
        grid: { left: narrow ? 90 : 140, right: 16, top: 28, bottom: 24 },
        legend: { top: 0 },
        tooltip: { trigger: "axis" },
        xAxis: { type: "value", minInterval: 1 },
        yAxis: { type: "category", inverse: true, data: rows.map(function (r) { return r.name; }),
                 axisLabel: { width: narrow ? 80 : 130, overflow: "truncate" } },
        series: [
          { name: data.labels.created, type: "bar", data: rows.map(function (r) { return r.created; }) },
          { name: data.labels.resolved, type: "bar", data: rows.map(function (r) { return r.resolved; }) }
        ],
        color: ["#b3261e", "#8a8a8f"]
      });
      chart.on("click", function (p) { var url = rows[p.dataIndex].url; if (url) { window.location.href = url; } });
      charts.push(chart);
    }

    bars("chart-categories", data.categories);
    bars("chart-places", data.places);
    var days = document.getElementById("chart-days");
    if (days && data.days.length) {
      var line = echarts.init(days, null, { renderer: "svg" });
      line.setOption({
        grid: { left: 40, right: 16, top: 16, bottom: 40 },
        tooltip: { trigger: "axis" },
        xAxis: { type: "category", data: data.days.map(function (d) { return d.day; }) },
        yAxis: { type: "value", minInterval: 1 },
        series: [{ name: data.labels.created, type: "line", smooth: true,
                   data: data.days.map(function (d) { return d.created; }) }],
        color: ["#b3261e"]
      });
      charts.push(line);
    }
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
