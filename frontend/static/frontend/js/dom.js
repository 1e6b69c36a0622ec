/* Small helpers for building the page, shared by the app's modules. */

export function byId(id) {
  return document.getElementById(id);
}

export function element(tag, attributes, children) {
  var node = document.createElement(tag);
  Object.keys(attributes || {}).forEach(function (name) {
    node.setAttribute(name, attributes[name]);
  });
  (children || []).forEach(function (child) {
    node.append(child);
  });
  return node;
}

export const isRepeat = (last, now) => now - last >= 0 && now - last < 500;

/* README: shaky hands. */
export function startPressGuard() {
  const accepted = new WeakMap();
  window.addEventListener("click", (event) => {
    const button = event.target.closest?.("button");
    if (button && isRepeat(accepted.get(button), event.timeStamp)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    } else if (button) {
      accepted.set(button, event.timeStamp);
    }
  }, true);
}
