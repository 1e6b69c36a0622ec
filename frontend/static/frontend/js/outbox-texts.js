/* What the app tells a reader about what they sent: saved, waiting, sent, sent while they were
away. Plain text for the page to show, in its language; the outbox itself (outbox.js) says
nothing. */

import { dateLanguage, gettext, interpolate, ngettext } from "./i18n.js";

const unreachable = () => gettext("We could not reach the guide just now; we will keep trying.");

const KINDS = {
  question: () => gettext("your question"),
  feedback: () => gettext("your feedback"),
  comment: () => gettext("your comment"),
};

export const kindText = (kind) => (KINDS[kind] ? KINDS[kind]() : kind);

/* Just after the reader sent it, when it could not go at once. */
export function saved(outcome) {
  if (outcome === "offline") {
    return gettext("Saved, it will be sent when you are back online.");
  }
  return outcome === "unreachable" ? unreachable()
    : gettext("Saved, it will be sent automatically in a few minutes.");
}

/* The notice while messages wait on this phone. */
export function waiting(items, online) {
  const count = items.length;
  if (!online) {
    return interpolate(ngettext(
      "%(count)s message is saved on this phone and will be sent when you are back online.",
      "%(count)s messages are saved on this phone and will be sent when you are back online.",
      count), { count });
  }
  if (items.some((item) => item.problem === "unreachable")) {
    return unreachable() + " " + interpolate(ngettext(
      "%(count)s message is saved on this phone.",
      "%(count)s messages are saved on this phone.", count), { count });
  }
  return interpolate(ngettext(
    "%(count)s message is saved on this phone and will be sent automatically in a few minutes.",
    "%(count)s messages are saved on this phone and will be sent automatically in a few minutes.",
    count), { count });
}

export function sent(items) {
  return interpolate(gettext("Sent: %(what)s. Thank you."), {
    what: items.map((item) => kindText(item.kind)).join(", "),
  });
}

function when(timestamp) {
  const date = new Date(timestamp);
  const language = dateLanguage();
  return date.toLocaleDateString(language, { day: "numeric", month: "long" }) + " " +
    date.toLocaleTimeString(language, { hour: "2-digit", minute: "2-digit" });
}

/* "Sent while you were away: your question about “Dystonia”, 29 November 22:56." */
export function sentWhileAway(entries) {
  return interpolate(gettext("Sent while you were away: %(what)s."), {
    what: entries.map((entry) => {
      const about = !entry.title ? kindText(entry.kind)
        : interpolate(entry.kind === "question" ? gettext("%(kind)s about “%(title)s”")
          : gettext("%(kind)s on “%(title)s”"), { kind: kindText(entry.kind), title: entry.title });
      return about + ", " + when(entry.sentAt);
    }).join("; "),
  });
}
