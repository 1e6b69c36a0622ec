/* Runs before the page is drawn, a classic script in the page's head: what the app's modules
would otherwise change after the first paint, and so move the page. The text size chosen (the
buttons that choose it are text-size-control.js), and marks on <html> that say which of the
app's controls will work here, for app.css to give them their room from the start:
data-app where the modules run (the text size buttons), data-speech where the phone can read
aloud (Listen), data-language-chosen once the reader chose a language (language.js). */
(function () {
  "use strict";
  var root = document.documentElement;
  try {
    var size = localStorage.getItem("guide-text-size");
    if (size) {
      root.setAttribute("data-text-size", size);
    }
    if (localStorage.getItem("guide-language")) {
      root.setAttribute("data-language-chosen", ""); // the home page's offer is not shown again
    }
  } catch (error) {
    // Storage is blocked (a private window, say): the default size it is.
  }
  if (!("noModule" in HTMLScriptElement.prototype)) {
    return; // the modules will not run: the page stays as served
  }
  root.setAttribute("data-app", "");
  if (window.speechSynthesis && window.SpeechSynthesisUtterance) {
    root.setAttribute("data-speech", "");
  }
})();
