// Tree rows: the first click on a toggle loads the children through htmx (hx-trigger="click once");
// later clicks hide or show the rows below it, found by their tree path.
document.addEventListener("click", function (event) {
  var button = event.target.closest("button.toggle");
  if (!button || button.dataset.loaded !== "1") return;
  var open = button.getAttribute("aria-expanded") === "true";
  var path = button.dataset.path;
  document.querySelectorAll("tr[data-path]").forEach(function (row) {
    var p = row.dataset.path;
    if (p.length > path.length && p.indexOf(path) === 0) {
      if (open) { row.classList.add("hidden"); }
      else if (p.length === path.length + 8) { row.classList.remove("hidden"); }
    }
  });
  if (open) {
    document.querySelectorAll("tr[data-path^='" + path + "'] button.toggle").forEach(function (b) {
      if (b !== button) b.setAttribute("aria-expanded", "false");
    });
  }
  button.setAttribute("aria-expanded", open ? "false" : "true");
});
document.addEventListener("htmx:afterRequest", function (event) {
  var button = event.detail.elt;
  if (button.classList && button.classList.contains("toggle") && event.detail.successful) {
    button.dataset.loaded = "1";
    button.setAttribute("aria-expanded", "true");
  }
});
// A <select data-autosubmit> submits its form when changed (no inline handler: the CSP forbids them).
document.addEventListener("change", function (event) {
  var select = event.target;
  if (select.matches && select.matches("select[data-autosubmit]") && select.form) { select.form.submit(); }
});
