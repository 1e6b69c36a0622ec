"""Whether a web address still answers: one HEAD request, then GET if the server refuses HEAD.

Built on the standard library's urllib, so checking links adds no package. Redirects are followed
to http and https addresses only, up to a limit; each connection waits at most `timeout` seconds
for the server. Nothing is read beyond the headers.
"""

import http.client
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

USER_AGENT = "SpasmGuide-LinkCheck/1.0 (checks the sources cited by patient guidance)"


@dataclass(frozen=True)
class LinkStatus:
    """What one check found: the HTTP status (None when no answer came), an error an editor can
    read, and the address the redirects ended at."""

    status: int | None
    error: str = ""
    final_url: str = ""

    @property
    def broken(self) -> bool:
        return bool(self.error) or self.status is None or self.status >= 400


class _NotTheWeb(urllib.error.HTTPError):
    """A redirect to an address that is not http or https (file:, ftp:), never followed."""


class _Redirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, limit: int):
        super().__init__()
        self.max_redirections = limit

    def http_error_302(self, req, fp, code, msg, headers):
        target = urljoin(req.full_url, headers.get("Location") or headers.get("URI") or "")
        if urlsplit(target).scheme not in ("http", "https"):
            raise _NotTheWeb(req.full_url, code, f"Redirected to {target}", headers, fp)
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and req.get_method() == "HEAD":
            new.method = "HEAD"  # urllib turns a redirected HEAD into a GET
        return new


def _request(url: str, method: str, timeout: float, max_redirects: int) -> LinkStatus:
    # An opener of its own for each request: OpenerDirector is not meant to be shared by threads.
    opener = urllib.request.build_opener(_Redirects(max_redirects))
    # Only http and https reach here (link_status), and redirects are held to them too.
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})  # noqa: S310
    try:
        with opener.open(request, timeout=timeout) as response:
            final = response.geturl()
            return LinkStatus(response.status, final_url=final if final != url else "")
    except _NotTheWeb as refused:
        return LinkStatus(refused.code, error=refused.reason)
    except urllib.error.HTTPError as refused:
        if 300 <= refused.code < 400:
            return LinkStatus(refused.code, error=f"More than {max_redirects} redirects")
        final = refused.geturl() or url
        return LinkStatus(refused.code, final_url=final if final != url else "")
    except TimeoutError:
        return LinkStatus(None, error=f"No answer within {timeout:g} s")
    except urllib.error.URLError as failed:
        if isinstance(failed.reason, TimeoutError):
            return LinkStatus(None, error=f"No answer within {timeout:g} s")
        return LinkStatus(None, error=f"Could not connect: {failed.reason}")
    except (http.client.HTTPException, OSError, ValueError) as failed:
        return LinkStatus(None, error=f"Could not connect: {failed}")


def link_status(url: str, *, timeout: float, max_redirects: int) -> LinkStatus:
    """HEAD first, as it costs the server least; GET when the server answers HEAD with an error,
    as some refuse HEAD (405, 403, even 404) while serving the page."""
    if urlsplit(url).scheme not in ("http", "https"):
        return LinkStatus(None, error="Not a web address: it must start with http or https")
    found = _request(url, "HEAD", timeout, max_redirects)
    if found.status is not None and found.status >= 400 and not found.error:
        return _request(url, "GET", timeout, max_redirects)
    return found
