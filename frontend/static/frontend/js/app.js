/* The patient app on top of ordinary pages, as ES modules served as they are, one per feature.
Every page works without them; they only add. The text size chosen is applied earlier, before
the page is drawn, by text-size.js. */

import { startPressGuard } from "./dom.js";
import { startSubmissionForms } from "./forms.js";
import { startInstallHint } from "./install-hint.js";
import { startListen } from "./listen.js";
import { startOfflineApp } from "./offline-copy.js";
import { startOfflineSearch } from "./offline-search.js";
import { startOutbox } from "./outbox-notices.js";
import { startSearchAsYouType } from "./search-as-you-type.js";
import { startTextSize } from "./text-size-control.js";
import { startDrafts } from "./typed-drafts.js";

startPressGuard();
startTextSize();
startInstallHint();
startOfflineApp();
startOfflineSearch();
startSearchAsYouType();
startSubmissionForms();
startDrafts(); // after the forms
startOutbox();
startListen();
