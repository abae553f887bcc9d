// Stamp every snapshot of the application form with the moment it was taken. An autosave still
// in flight when the applicant presses "Save" can reach the server after that save; the server
// compares the stamps and drops the older snapshot instead of letting it overwrite the newer one.
(function () {
  "use strict";
  function isStamped(element) {
    return element instanceof HTMLFormElement && element.hasAttribute("data-snapshot");
  }
  document.addEventListener("htmx:configRequest", function (event) {
    if (isStamped(event.detail.elt)) {
      event.detail.parameters.snapshot_at = String(Date.now());
    }
  });
  document.addEventListener(
    "submit",
    function (event) {
      if (isStamped(event.target) && event.target.elements.snapshot_at) {
        event.target.elements.snapshot_at.value = String(Date.now());
      }
    },
    true,
  );
})();
