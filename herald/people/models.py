from __future__ import annotations

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.db.models import Q

from herald.councils.models import CouncilOwned


class UserManager(BaseUserManager):
    def create_user(self, email: str, password: str | None = None, **extra):
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password) if password else user.set_unusable_password()
        user.save()
        return user


class User(AbstractBaseUser):
    """A sign-in account. What the person may do comes from their Representative record."""

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=200)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]
    objects = UserManager()

    def __str__(self) -> str:
        return self.full_name or self.email


class Kind(models.TextChoices):
    EMPLOYEE = "employee", "Employee"
    MEMBER = "member", "Elected Member"
    PARTNER = "partner", "Partner organisation"
    CONTRACTOR = "contractor", "Contractor"
    VOLUNTEER = "volunteer", "Volunteer"


class Role(models.TextChoices):
    CLERK = "clerk", "Clerk"
    CHAIR = "chair", "Chair"
    OFFICER = "officer", "Officer"
    MEMBER = "member", "Member"


class Representative(CouncilOwned):
    """A Council representative (policy section 2): someone who may act for the Council online."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="representative")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    roles = models.JSONField(default=list)
    official_email = models.EmailField()
    organisation = models.CharField(max_length=200, blank=True)
    job_title = models.CharField(max_length=200, blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council", "name"]
        constraints = [models.UniqueConstraint(fields=["council", "official_email"], name="representative_email_unique")]

    def __str__(self) -> str:
        return self.name

    def get_roles_display(self) -> str:
        return ", ".join(Role(r).label for r in self.roles) or "No role"


class Suspension(CouncilOwned):
    """A period in which a representative may not publish (policy enforce.breach)."""

    representative = models.ForeignKey(Representative, on_delete=models.PROTECT, related_name="suspensions")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField()
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    lift_reason = models.TextField(blank=True)
    case = models.ForeignKey("complaints.Case", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="suspensions")  # the complaint case that led to it, if any

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__isnull=True) | Q(ends_at__gt=models.F("starts_at")),
                                   name="suspension_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"Suspension of {self.representative}"


class InterestCategory(models.TextChoices):
    EMPLOYMENT = "employment", "Employment, office, trade, profession or business"
    LAND = "land", "Land or property"
    SECURITIES = "securities", "Securities (shares)"
    SPONSORSHIP = "sponsorship", "Sponsorship"
    GIFTS = "gifts", "Gifts and hospitality"


class RegisteredInterest(CouncilOwned):
    """A Member's registered interest (used by screening for Term of Use 6)."""

    representative = models.ForeignKey(Representative, on_delete=models.PROTECT, related_name="interests")
    category = models.CharField(max_length=20, choices=InterestCategory.choices)
    description = models.CharField(max_length=500)
    registered_on = models.DateField()
    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["category", "description"]

    def __str__(self) -> str:
        return self.description


class PolicyAcknowledgement(CouncilOwned):
    representative = models.ForeignKey(Representative, on_delete=models.PROTECT, related_name="acknowledgements")
    policy_version = models.ForeignKey("policy.PolicyVersion", on_delete=models.PROTECT, related_name="+")
    acknowledged_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["representative", "policy_version"], name="acknowledge_once")]


class TotpDevice(models.Model):
    """A person's authenticator app (RFC 6238 TOTP)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="totp")
    secret = models.CharField(max_length=64)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    last_used_step = models.BigIntegerField(default=0)


class RecoveryCode(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=128)
    used_at = models.DateTimeField(null=True, blank=True)


class SignInAttempt(models.Model):
    """Sign-in attempts, for throttling. Kept short-term; holds no password."""

    email = models.CharField(max_length=254, db_index=True)
    ip_address = models.GenericIPAddressField(null=True)
    at = models.DateTimeField(db_index=True)
    succeeded = models.BooleanField()
