/* The app's words in the page's language: Django's catalogue for it (locale/<code>/LC_MESSAGES/
djangojs.po), served at the language's /jsi18n/ and loaded by the page before the app's modules,
defines `django.gettext`. Without it (the JavaScript unit tests) the English is shown. */

const catalogue = () => globalThis.django;

export function gettext(text) {
  return catalogue()?.gettext ? catalogue().gettext(text) : text;
}

export function ngettext(singular, plural, count) {
  return catalogue()?.ngettext
    ? catalogue().ngettext(singular, plural, count)
    : count === 1 ? singular : plural;
}

/* `text` with each %(name)s replaced by values[name]. */
export function interpolate(text, values) {
  return text.replace(/%\((\w+)\)s/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

/* The page's language, for what it sends. */
export function pageLanguage() {
  return globalThis.document?.documentElement.lang || "en";
}

/* The page's language for dates and times: English as written in Britain (29 November). */
export function dateLanguage() {
  const language = pageLanguage();
  return language === "en" ? "en-GB" : language;
}

/* A number of bytes as the phone's space is spoken of: "94 KB", "2.3 MB" (in German "2,3 MB"). */
export function sizeText(bytes) {
  const language = dateLanguage();
  if (bytes < 1024 * 1024) {
    return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString(language)} KB`;
  }
  const megabytes = (bytes / (1024 * 1024)).toLocaleString(language, {
    maximumFractionDigits: 1,
    minimumFractionDigits: 1,
  });
  return `${megabytes} MB`;
}

/* A language's name in the page's language ("English", on a German page "Englisch"). */
export function languageName(code) {
  try {
    return new Intl.DisplayNames([pageLanguage()], { type: "language" }).of(code);
  } catch (error) {
    return code;
  }
}
