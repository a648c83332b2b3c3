// Starts Pagefind's search UI on /search/, with filters for people, organizations, places,
// section and year, and runs the query given as ?q= so searches can be linked.
(function () {
  var root = document.getElementById("search");
  if (!root || typeof PagefindUI === "undefined") return;
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: root.getAttribute("data-bundle"),
    showImages: false,
    showSubResults: false,
    resetStyles: false,
    openFilters: ["section", "year"],
  });
  var q = new URLSearchParams(window.location.search).get("q");
  if (q) ui.triggerSearch(q);
})();
