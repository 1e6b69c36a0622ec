"""Reading settings from the environment (config/settings.py)."""

import os


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def first_domain_name(hosts: list[str]) -> str:
    """The first of ALLOWED_HOSTS that is a domain name, not "*" or an IP address; "" if none."""
    names = [
        host.lstrip(".")
        for host in hosts
        if host != "*" and not host.startswith("[") and not host.replace(".", "").isdigit()
    ]
    return names[0] if names else ""
