// Live similar-proposal suggestions while typing; the page works without it (server round trip).
(function () {
  "use strict";
  var form = document.getElementById("proposal-form");
  if (!form || !window.fetch) { return; }
  var list = document.getElementById("similar-list");
  var empty = document.getElementById("similar-empty");
  var timer = null;
  var last = "";
  function render(items) {
    list.textContent = "";
    items.forEach(function (item) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = item.url;
      a.textContent = item.title;
      li.appendChild(a);
      var span = document.createElement("span");
      span.className = "muted";
      span.textContent = " (" + item.supports_label + ")";
      li.appendChild(span);
      list.appendChild(li);
    });
    empty.textContent = items.length ? "" : empty.dataset.none;  // translated by the page
  }
  function check() {
    var text = form.elements.title.value + " " + form.elements.body.value;
    if (text.trim().length < 4 || text === last) { return; }
    last = text;
    fetch(form.dataset.similarUrl + "?q=" + encodeURIComponent(text.slice(0, 2000)), {credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(render)
      .catch(function () { /* keep the server round trip */ });
  }
  function schedule() { clearTimeout(timer); timer = setTimeout(check, 300); }
  form.elements.title.addEventListener("input", schedule);
  form.elements.body.addEventListener("input", schedule);
}());
