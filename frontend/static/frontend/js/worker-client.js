/* Talking to the service worker: where it is served from, whether one is in charge of this page,
and asking it a question. */

import { MESSAGES } from "./messages.js";

var ANSWER_TIMEOUT_MS = 30 * 1000;

/* The worker's URL, from the app's script tag; none on pages never to be saved (a preview). */
export function serviceWorkerUrl() {
  var script = document.querySelector("script[data-service-worker]");
  return script ? script.dataset.serviceWorker : "";
}

export function hasWorker() {
  return "serviceWorker" in navigator && Boolean(navigator.serviceWorker.controller);
}

/* Ask the worker now in charge; resolves to its answer, or to an error if none comes. */
export function ask(message) {
  var container = navigator.serviceWorker;
  return container.getRegistration().then(function (registration) {
    var worker = container.controller || (registration && registration.active);
    if (!worker) {
      return { type: MESSAGES.ERROR, message: "No service worker is active." };
    }
    return new Promise(function (resolve) {
      var channel = new MessageChannel();
      var timer = window.setTimeout(function () {
        // It may answer later still: a choice of language also reaches every page when done.
        channel.port1.close();
        resolve({ type: MESSAGES.ERROR, timedOut: true, message: "The service worker did not answer." });
      }, ANSWER_TIMEOUT_MS);
      channel.port1.onmessage = function (event) {
        window.clearTimeout(timer);
        resolve(event.data);
      };
      worker.postMessage(message, [channel.port2]);
    });
  });
}
