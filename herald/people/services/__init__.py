"""People register services: the only write path for representatives, rights and accounts."""

from herald.people.services.accounts import (  # noqa: F401
    account_create,
    password_set,
    recovery_codes_generate,
    sign_in_record,
    sign_out_record,
    two_factor_begin,
    two_factor_confirm,
    two_factor_reset,
    two_factor_verify,
)
from herald.people.services.representatives import (  # noqa: F401
    interest_register,
    interest_remove,
    policy_acknowledge,
    representative_create,
    representative_deactivate,
    representative_reactivate,
    representative_update,
    suspension_create,
    suspension_lift,
)
