// The header's search box as a combobox (WAI-ARIA 1.2 pattern, list autocomplete): htmx puts
// the suggestions into the listbox; this moves through them with the arrow keys, follows the
// chosen one with Enter, and closes the list with Escape or when focus leaves the form.
// Without JavaScript the form is a plain GET to the results page.
(function () {
  "use strict";

  function setup() {
    var input = document.getElementById("site-q");
    var list = document.getElementById("site-suggest");
    if (!input || !list) return;
    var form = input.form;
    var active = -1;

    function options() {
      return Array.prototype.slice.call(list.querySelectorAll('[role="option"]'));
    }

    function open(show) {
      var on = show && options().length > 0;
      list.hidden = !on;
      input.setAttribute("aria-expanded", on ? "true" : "false");
      if (!on) select(-1);
    }

    function select(index) {
      var all = options();
      active = index;
      all.forEach(function (option, at) {
        option.setAttribute("aria-selected", at === index ? "true" : "false");
      });
      if (index >= 0 && all[index]) {
        input.setAttribute("aria-activedescendant", all[index].id);
        all[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    list.addEventListener("htmx:afterSwap", function () {
      active = -1;
      open(document.activeElement === input && input.value.trim().length > 0);
    });
    // An answer to an older query must not replace the one just typed (hx-sync drops it),
    // and an emptied box closes at once rather than after the delay.
    input.addEventListener("input", function () {
      if (!input.value.trim()) {
        list.innerHTML = "";
        open(false);
      }
    });
    input.addEventListener("keydown", function (event) {
      var all = options();
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!all.length) return;
        event.preventDefault();
        if (list.hidden) open(true);
        var step = event.key === "ArrowDown" ? 1 : -1;
        var next = active + step;
        if (next >= all.length) next = 0;
        if (next < -1) next = all.length - 1;
        select(next);
      } else if (event.key === "Enter") {
        if (!list.hidden && active >= 0 && all[active]) {
          event.preventDefault();
          window.location.assign(all[active].getAttribute("data-url"));
        }
      } else if (event.key === "Escape") {
        if (!list.hidden) {
          event.preventDefault();
          open(false);
        }
      }
    });
    input.addEventListener("focus", function () {
      if (input.value.trim()) open(true);
    });
    form.addEventListener("focusout", function (event) {
      if (!form.contains(event.relatedTarget)) open(false);
    });
    // A click on an option: the mouse takes focus away before the link is followed.
    list.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
