/* The patient app on top of ordinary pages, as ES modules served as they are, one per feature.
Every page works without them; they only add. What changes the page as it is drawn was done
before, by before-paint.js (the text size, room for the app's controls). Here, first what must
work from the first moment, then, once the page is drawn and the browser idle, the rest
(idle.js): registering the service worker, the offline copy, the outbox, Listen, search as you
type. */

import { startPressGuard } from "./dom.js";
import { startSubmissionForms } from "./forms.js";
import { startWhenIdle } from "./idle.js";
import { startInstallHint } from "./install-hint.js";
import { startLanguage } from "./language.js";
import { startListen } from "./listen.js";
import { startOfflineApp } from "./offline-copy.js";
import { startOfflineSearch } from "./offline-search.js";
import { startOutbox } from "./outbox-notices.js";
import { startSearchAsYouType } from "./search-as-you-type.js";
import { startTextSize } from "./text-size-control.js";
import { startDrafts } from "./typed-drafts.js";

startPressGuard();
startLanguage(); // a remembered language's home opens before anything else happens here
startTextSize();
startInstallHint(); // the browser's offer to install can come at any moment
startSubmissionForms(); // a form sent at once goes through the outbox
startDrafts(); // after the forms; what the reader typed is back before they look
startWhenIdle([
  startSearchAsYouType,
  startListen,
  startOfflineSearch,
  startOfflineApp,
  startOutbox,
]);
