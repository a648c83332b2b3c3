// Starts Pagefind's search UI on /search/, with filters for people, organizations, places,
// section and year, and runs the query given as ?q= so searches can be linked. The index is
// one bundle per year of articles: the page names the first, and the others are merged into it.
(function () {
  var root = document.getElementById("search");
  if (!root || typeof PagefindUI === "undefined") return;
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: root.getAttribute("data-bundle"),
    mergeIndex: JSON.parse(root.getAttribute("data-merge") || "[]").map(function (bundlePath) {
      return { bundlePath: bundlePath };
    }),
    showImages: false,
    showSubResults: false,
    resetStyles: false,
    openFilters: ["section", "year"],
  });
  // Pagefind's input carries only a placeholder and a title; name it by the page's visible heading
  // so screen readers and axe-core see a real label.
  var input = root.querySelector(".pagefind-ui__search-input");
  if (input) input.setAttribute("aria-labelledby", "search-heading");
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) ui.triggerSearch(q);
})();
