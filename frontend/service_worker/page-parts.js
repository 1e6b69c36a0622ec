/* A condition page as the server sends it, from the copy the phone keeps: the copy holds a
<template data-part> where every page repeats the same HTML (the head, header, Listen controls,
forms, notices and footer), and the language's page parts (frontend/page_parts.py) are saved
once. Putting them back gives the server's page byte for byte. */

const MARKER = /<template data-part="(\w+)"((?: data-\w+="[^"]*")*)><\/template>/g;
const VALUE = / data-(\w+)="([^"]*)"/g;

export function composePage(copy, parts) {
  return copy.replace(MARKER, (whole, name, attributes) => {
    if (typeof parts[name] !== "string") {
      return whole;
    }
    const values = Object.fromEntries(
      [...attributes.matchAll(VALUE)].map(([, key, value]) => [key, value]),
    );
    return parts[name].replace(/__(slug|label)__/g, (placeholder, key) => values[key] ?? placeholder);
  });
}

/* The saved response as the page it is a copy of; as it is when it is no copy, or when its
parts are not saved (it then shows its guidance without the site's header, forms and footer). */
export async function composedResponse(response, savedParts) {
  const partsUrl = response.headers.get("X-Page-Parts");
  const parts = partsUrl && (await savedParts(partsUrl));
  if (!parts) {
    return response;
  }
  const headers = new Headers(response.headers);
  for (const name of ["Content-Length", "Content-Encoding", "X-Page-Parts"]) {
    headers.delete(name);
  }
  return new Response(composePage(await response.text(), await parts.json()), {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
