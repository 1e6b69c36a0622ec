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
