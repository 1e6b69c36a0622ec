"""Staff logins made from the command line: an editor, or a reviewer with the author entry
patients are shown."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Author
from .services import author_saved


class AccountRefused(Exception):
    """A staff account cannot be created as asked; the message names the problem."""


STAFF_GROUPS = {"editor": "Editor", "reviewer": "Clinical reviewer"}  # created by migration 0005


@transaction.atomic
def staff_account_create(
    *, role: str, username: str, email: str, password: str, name: str = "", credentials: str = ""
):
    """A staff login in the group for `role`; a reviewer also gets the author entry patients are
    shown, with credentials, linked to the login (an unlinked entry of that name is reused).

    Creates nothing unless everything is valid.
    """
    if role not in STAFF_GROUPS:
        raise AccountRefused(f"--role must be one of: {', '.join(STAFF_GROUPS)}.")
    if role == "reviewer" and not (name.strip() and credentials.strip()):
        raise AccountRefused(
            "A clinical reviewer needs --name and --credentials (for example “MD, Consultant "
            "Neurologist”): patients are shown both on every page they review."
        )
    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise AccountRefused(f"A login named “{username}” already exists. Nothing was changed.")
    author = Author.objects.filter(name=name.strip()).first() if role == "reviewer" else None
    if author is not None and author.user_id is not None:
        raise AccountRefused(
            f"The author entry “{author.name}” is already linked to the login "
            f"“{author.user.get_username()}”. Nothing was changed."
        )
    user = User(username=username, email=email, first_name=name.strip(), is_staff=True)
    try:
        user.full_clean(exclude=["password"])
        validate_password(password, user)
    except ValidationError as invalid:
        raise AccountRefused(_described(invalid)) from None
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get(name=STAFF_GROUPS[role]))
    if role == "reviewer":
        author = author or Author(name=name.strip())
        author.user, author.credentials = user, credentials.strip()
        author.email = author.email or email
        author.save()
        author_saved(author=author, by=user)
    return user


def _described(invalid: ValidationError) -> str:
    if hasattr(invalid, "error_dict"):
        return " ".join(
            f"--{field.replace('first_name', 'name')}: {' '.join(messages)}"
            for field, messages in invalid.message_dict.items()
        )
    return "Password: " + " ".join(invalid.messages)
