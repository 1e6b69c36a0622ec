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

/* The saved response as the page it is a copy of, or as it is when it is no copy; null for a
copy whose parts are not saved (the caller then asks the network for the page, and shows the
copy, its guidance without the site's header, forms and footer, only with no connection). */
export async function composedResponse(response, savedParts) {
  const partsUrl = response.headers.get("X-Page-Parts");
  if (!partsUrl) {
    return response;
  }
  const parts = await savedParts(partsUrl);
  if (!parts) {
    return null;
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
