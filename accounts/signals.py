"""What happens to a staff member's second factor, for whoever keeps a record (the security app's
audit trail). Sent by `second_factor.py` unless said; never with a code or a key.

- `code_accepted(user, device)`: a code passed; `device` is the app or the recovery codes.
- `code_refused(user)`: a wrong or reused code.
- `factor_set_up(user, replaced)`: an app was confirmed; `replaced` if it took an earlier one's
  place (whose app and recovery codes are gone).
- `recovery_codes_renewed(user)`: `user` made ten new recovery codes in place of the old ones.
- `factor_reset(user, by)`: an administrator removed every factor of `user`.
- `passkey_used(user)`: a passkey passed as the second factor (sent by `passkey_api.py`).
- `passkey_added(user)`, `passkey_removed(user, name)`: sent by `passkeys.py`.
"""

from django.dispatch import Signal

code_accepted = Signal()
code_refused = Signal()
factor_set_up = Signal()
factor_reset = Signal()
recovery_codes_renewed = Signal()
passkey_used = Signal()
passkey_added = Signal()
passkey_removed = Signal()
