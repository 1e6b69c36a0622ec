/* Runs before the page is drawn, so a chosen text size never flashes back to the default: a
classic script in the page's head. The buttons that choose it are text-size-buttons.js. */
(function () {
  "use strict";
  try {
    var size = localStorage.getItem("guide-text-size");
    if (size) {
      document.documentElement.setAttribute("data-text-size", size);
    }
  } catch (error) {
    // Storage is blocked (a private window, say): the default size it is.
  }
})();
