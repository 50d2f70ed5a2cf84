// The list pages' form: leave empty fields out of the URL, and on a phone start with
// the search and the facets closed so that the results come first. A file of its own: the site's
// Content-Security-Policy allows scripts from the site only, never inline.
(function () {
  "use strict";

  function leaveOutEmptyFields(form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("input[name], select[name]").forEach(function (field) {
        if (field.value === "") {
          field.disabled = true; // a disabled field is not sent
        }
      });
    });
    // Back from the next page, the browser may restore the disabled state.
    window.addEventListener("pageshow", function () {
      form.querySelectorAll("[disabled]").forEach(function (field) {
        field.disabled = false;
      });
    });
  }

  function closeFiltersOnPhones(panel) {
    if (window.matchMedia("(max-width: 760px)").matches) {
      panel.open = false;
    }
  }

  // The facets' menus: one open at a time; Escape or a click elsewhere closes it.
  function oneFacetMenuAtATime(facets) {
    facets.forEach(function (facet) {
      facet.addEventListener("toggle", function () {
        if (!facet.open) {
          return;
        }
        facets.forEach(function (other) {
          if (other !== facet) {
            other.open = false;
          }
        });
      });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") {
        return;
      }
      facets.forEach(function (facet) {
        if (facet.open) {
          facet.open = false;
          facet.querySelector("summary").focus();
        }
      });
    });
    document.addEventListener("click", function (event) {
      facets.forEach(function (facet) {
        if (facet.open && !facet.contains(event.target)) {
          facet.open = false;
        }
      });
    });
  }

  document.querySelectorAll("form.filters").forEach(leaveOutEmptyFields);
  oneFacetMenuAtATime(Array.prototype.slice.call(document.querySelectorAll("details.facet")));
  document.querySelectorAll("details.filters-panel").forEach(closeFiltersOnPhones);
})();
