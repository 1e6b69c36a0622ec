"""A workflow step (submitted, published, unpublished …) in an object's history, with who did it.
Shared by conditions and terms, whose histories django-reversion keeps."""

import reversion


def step_record(obj, *, by, comment: str) -> None:
    with reversion.create_revision():
        reversion.add_to_revision(obj)
        reversion.set_user(by)
        reversion.set_comment(comment)
