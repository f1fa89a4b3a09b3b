// Progressive enhancement: the tables on the charts page are the content; with Chart.js loaded, each
// table gets its chart drawn from the json_script data beside it. Without either, nothing changes.
window.addEventListener("load", function () {
  if (typeof window.Chart === "undefined") { return; }
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) { return; }
    var spec = JSON.parse(source.textContent);
    if (!spec.labels || !spec.labels.length) { return; }
    canvas.hidden = false;
    var options = {responsive: true, animation: false, plugins: {legend: {position: "bottom"}}};
    if (spec.stacked) { options.scales = {x: {stacked: true}, y: {stacked: true, beginAtZero: true}}; }
    if (spec.horizontal) { options.indexAxis = "y"; }
    new window.Chart(canvas, {type: spec.type, data: {labels: spec.labels, datasets: spec.datasets}, options: options});
  });
});
