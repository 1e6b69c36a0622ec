/* What the app tells a reader about what they sent: saved, waiting, sent, sent while they were
away. Plain text for the page to show; the outbox itself (outbox.js) says nothing. */

var UNREACHABLE = "We could not reach the guide just now; we will keep trying.";

/* Just after the reader sent it, when it could not go at once. */
export function saved(outcome) {
  if (outcome === "offline") {
    return "Saved, it will be sent when you are back online.";
  }
  return outcome === "unreachable" ? UNREACHABLE
    : "Saved, it will be sent automatically in a few minutes.";
}

function messages(count) {
  return count === 1 ? "1 message is" : count + " messages are";
}

/* The notice while messages wait on this phone. */
export function waiting(items, online) {
  var saved = messages(items.length) + " saved on this phone";
  if (!online) {
    return saved + " and will be sent when you are back online.";
  }
  var unreachable = items.some(function (item) {
    return item.problem === "unreachable";
  });
  return unreachable ? UNREACHABLE + " " + saved + "."
    : saved + " and will be sent automatically in a few minutes.";
}

export function sent(items) {
  return "Sent: " + items.map(function (item) {
    return "your " + item.kind;
  }).join(", ") + ". Thank you.";
}

function when(timestamp) {
  var date = new Date(timestamp);
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "long" }) + " " +
    date.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
}

/* "Sent while you were away: your question about “Dystonia”, 29 November 22:56." */
export function sentWhileAway(entries) {
  return "Sent while you were away: " + entries.map(function (entry) {
    var about = entry.kind === "question" ? " about “" : " on “";
    return "your " + entry.kind + (entry.title ? about + entry.title + "”" : "") + ", " +
      when(entry.sentAt);
  }).join("; ") + ".";
}
