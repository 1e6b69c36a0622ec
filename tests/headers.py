"""Reading the headers a response carries, for the tests of them."""


def csp_directives(response) -> dict[str, str]:
    """The Content-Security-Policy's directives, each with its sources as one string."""
    return dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
        if " " in directive.strip()
    )
