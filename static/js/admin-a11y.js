/* Give the admin's select2 reporter boxes the name of the <select> they replace:
   select2 labels its combobox by the chosen value, which an empty row does not have. */
(function () {
  "use strict";
  function nameComboboxes() {
    document.querySelectorAll("select.admin-autocomplete[aria-label]").forEach(function (select) {
      var label = select.getAttribute("aria-label");
      var box = select.parentElement.querySelector(".select2-selection[role=combobox]");
      if (!box || box.getAttribute("aria-label") === label) { return; }
      box.setAttribute("aria-label", label);
      // The box's text part (role=textbox) is empty until a reporter is chosen.
      box.querySelectorAll("[role=textbox]").forEach(function (text) { text.setAttribute("aria-label", label); });
    });
  }
  // select2 builds and rebuilds its boxes at moments of its own (DOM ready, new inline rows,
  // a choice): name them whenever the page's elements change.
  document.addEventListener("DOMContentLoaded", function () {
    nameComboboxes();
    new MutationObserver(nameComboboxes).observe(document.body, { childList: true, subtree: true });
  });
})();
