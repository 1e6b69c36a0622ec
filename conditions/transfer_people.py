"""The authors and reviewers an import names, found or made once per import."""

from .models import Author


class People:
    """Authors and reviewers by name, each read or written once per import however many
    conditions name them: a call is made again only when it could answer differently (an
    author's details replaced by others since)."""

    def __init__(self, *, replace: bool):
        self.replace = replace
        self.found: dict = {}

    def _once(self, key: tuple, data: dict, find):
        if key not in self.found or self.found[key][0] != data:
            self.found[key] = (data, find())
        return self.found[key][1]

    def reviewer(self, data: dict | None) -> Author | None:
        if data is None:
            return None
        return self._once(
            ("reviewer", *sorted(data.items())),
            data,
            lambda: Author.objects.get_or_create(
                name=data["name"], defaults={"credentials": data["credentials"]}
            )[0],
        )

    def author(self, data: dict | None) -> Author | None:
        """The author by name; an existing author's details change only when replacing."""
        if data is None:
            return None
        if not self.replace:
            key = ("author", *sorted(data.items()))
            return self._once(
                key, data, lambda: Author.objects.get_or_create(name=data["name"], defaults=data)[0]
            )
        return self._once(
            ("author", data["name"]),
            data,
            lambda: Author.objects.update_or_create(name=data["name"], defaults=data)[0],
        )
