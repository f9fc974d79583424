// Optional enhancement: "use my position" fills the hidden lat/lon fields. The search works without it.
(function () {
  var slot = document.getElementById("incl-locate");
  if (!slot || !navigator.geolocation) { return; }
  var form = slot.closest("form");
  var button = document.createElement("button");
  button.type = "button";
  button.className = "link-button";
  button.textContent = "Utiliser ma position";
  button.addEventListener("click", function () {
    button.textContent = "Recherche de votre position…";
    navigator.geolocation.getCurrentPosition(function (pos) {
      form.querySelector("[name=lat]").value = pos.coords.latitude.toFixed(5);
      form.querySelector("[name=lon]").value = pos.coords.longitude.toFixed(5);
      form.submit();
    }, function () {
      button.textContent = "Position indisponible : indiquez votre commune";
    }, { timeout: 10000, maximumAge: 600000 });
  });
  slot.appendChild(button);
})();
