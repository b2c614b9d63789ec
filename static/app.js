// Progressive enhancement only: every page works without it.
// Shows instants also in the reader's own time zone.
(function () {
  var lang = document.documentElement.lang || "en";
  var nodes = document.querySelectorAll("time[data-local]");
  for (var i = 0; i < nodes.length; i++) {
    var t = nodes[i];
    var d = new Date(t.getAttribute("datetime"));
    if (isNaN(d.getTime())) continue;
    var out = t.parentNode.querySelector(".local-time[data-for='" + t.id + "']");
    if (!out) continue;
    try {
      var f = new Intl.DateTimeFormat(lang, { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" });
      out.textContent = out.getAttribute("data-label") + " " + f.format(d);
      out.hidden = false;
    } catch (e) { /* old browser: Geneva and UTC stay shown */ }
  }
})();
// "Verify a receipt": a chosen file fills the text area (pasting works without script).
(function () {
  var input = document.querySelector("input[type=file][data-fills]");
  if (!input || !window.FileReader) return;
  var field = document.getElementById("receipt-file-field");
  if (field) field.hidden = false;
  input.addEventListener("change", function () {
    var file = input.files && input.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      var target = document.getElementById(input.getAttribute("data-fills"));
      if (target) target.value = reader.result;
    };
    reader.readAsText(file);
  });
})();
