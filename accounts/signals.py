"""What happens to a staff member's second factor, for whoever keeps a record (the security app's
audit trail). Sent by `second_factor.py`; never with a code or a key.

- `code_accepted(user, device)`: a code passed; `device` is the app or the recovery codes.
- `code_refused(user)`: a wrong or reused code.
- `factor_set_up(user, replaced)`: an app was confirmed; `replaced` if it took an earlier one's
  place (whose app and recovery codes are gone).
- `factor_reset(user, by)`: an administrator removed every factor of `user`.
"""

from django.dispatch import Signal

code_accepted = Signal()
code_refused = Signal()
factor_set_up = Signal()
factor_reset = Signal()
