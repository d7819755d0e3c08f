"""Herald's screening engine: checks a post against the council's social media policy.

Pure Python, imports nothing from Django. Usage::

    from herald.screening import Screener, Context
    report = Screener(policy_dict).screen("text of the post", Context(channel="official"))
    report.verdict   # "pass" | "review" | "block"
"""

from .context import Attachment, Author, Context, KnownPerson, RegisteredInterest
from .engine import Screener
from .errors import InvalidInput, PolicyConfigError, ScreeningError
from .findings import Finding, Report, Span
from .loader import load_policy
from .registry import Rule, register, register_kind, registered_rules
from .version import ENGINE_VERSION

__all__ = [
    "Attachment", "Author", "Context", "KnownPerson", "RegisteredInterest", "Screener",
    "InvalidInput", "PolicyConfigError", "ScreeningError", "Finding", "Report", "Span",
    "Rule", "register", "register_kind", "registered_rules", "load_policy", "ENGINE_VERSION",
]
