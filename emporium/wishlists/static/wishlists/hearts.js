// Wishlist hearts (emporium/wishlists). Pages may be cached for everyone, so
// they draw every heart unsaved. For a signed-in visitor the page carries
// #wishlist-hearts: this asks it, in one request, which hearts on the page
// the visitor saved; the answer swaps those in out of band. It asks again
// when an htmx swap brings new hearts (search results, a page of cards).
(function () {
  "use strict";

  var MAX_KEYS = 100;

  function load(root) {
    var source = document.getElementById("wishlist-hearts");
    if (!source || !window.htmx || !root || !root.querySelectorAll) {
      return;
    }
    var keys = [];
    root.querySelectorAll("[data-heart]").forEach(function (heart) {
      var key = heart.getAttribute("data-heart");
      if (keys.indexOf(key) === -1 && keys.length < MAX_KEYS) {
        keys.push(key);
      }
    });
    if (!keys.length) {
      return;
    }
    var query = keys
      .map(function (key) {
        return "item=" + encodeURIComponent(key);
      })
      .join("&");
    window.htmx.ajax("GET", source.getAttribute("data-url") + "?" + query, {
      source: source,
      swap: "none",
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    load(document);
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    var config = event.detail.requestConfig;
    var origin = config && config.elt;
    // The hearts' own answers bring hearts already in their state.
    if (origin && (origin.id === "wishlist-hearts" || origin.hasAttribute("data-heart"))) {
      return;
    }
    load(event.detail.elt);
  });
})();
