// Optional enhancement: "use my position" fills the hidden lat/lon fields. The search works without it.
// Its words come translated from the page (data-* attributes of the slot): no JavaScript catalogue to load.
(function () {
  var slot = document.getElementById("incl-locate");
  if (!slot || !navigator.geolocation) { return; }
  var form = slot.closest("form");
  var button = document.createElement("button");
  button.type = "button";
  button.className = "link-button";
  button.textContent = slot.dataset.label;
  button.addEventListener("click", function () {
    button.textContent = slot.dataset.searching;
    navigator.geolocation.getCurrentPosition(function (pos) {
      form.querySelector("[name=lat]").value = pos.coords.latitude.toFixed(5);
      form.querySelector("[name=lon]").value = pos.coords.longitude.toFixed(5);
      form.submit();
    }, function () {
      button.textContent = slot.dataset.unavailable;
    }, { timeout: 10000, maximumAge: 600000 });
  });
  slot.appendChild(button);
})();
