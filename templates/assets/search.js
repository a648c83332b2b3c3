// Starts Pagefind's search UI on /search/, with filters for people, organizations, places,
// section and year, and runs the query given as ?q= so searches can be linked.
//
// The index is one bundle per year of articles (per month in the latest year): the page names
// the first, and the others are merged into it here, with every bundle's filters loaded,
// before the UI starts. Left to the UI's own `mergeIndex`, a search typed while the bundles
// were still loading listed only the filters of those already loaded, and kept that list. The
// UI imports the same `pagefind.js` (one module per URL), so it finds the merged bundles in place.
(function () {
  var root = document.getElementById("search");
  if (!root || typeof PagefindUI === "undefined") return;
  var bundle = root.getAttribute("data-bundle");
  var merged = JSON.parse(root.getAttribute("data-merge") || "[]");

  function start() {
    var ui = new PagefindUI({
      element: "#search",
      bundlePath: bundle,
      showImages: false,
      showSubResults: false,
      resetStyles: false,
      openFilters: ["section", "year"],
    });
    // Pagefind's input carries only a placeholder and a title; name it by the page's visible
    // heading so screen readers and axe-core see a real label.
    var input = root.querySelector(".pagefind-ui__search-input");
    if (input) input.setAttribute("aria-labelledby", "search-heading");
    var q = new URLSearchParams(window.location.search).get("q");
    if (q) ui.triggerSearch(q);
  }

  import(bundle + "pagefind.js")
    .then(function (pagefind) {
      return merged
        .reduce(function (done, path) {
          return done.then(function () {
            return pagefind.mergeIndex(path);
          });
        }, Promise.resolve())
        .then(function () {
          return pagefind.filters();
        });
    })
    .catch(function (error) {
      // The UI reports a bundle it cannot load; search what there is.
      console.error(error);
    })
    .then(start);
})();
