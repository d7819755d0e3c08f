"""Forms parse and shape input only; the services decide what is allowed."""

from __future__ import annotations

import datetime as dt

from django import forms

from herald.people.models import InterestCategory, Kind, Role


class DatePartsWidget(forms.MultiWidget):
    """The GOV.UK date input: day, month and year boxes."""

    def __init__(self):
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()])

    def decompress(self, value):
        return [value.day, value.month, value.year] if value else [None, None, None]


class DatePartsField(forms.MultiValueField):
    widget = DatePartsWidget

    def __init__(self, **kwargs):
        fields = (forms.CharField(), forms.CharField(), forms.CharField())
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def clean(self, value):
        parts = [str(p or "").strip() for p in (value or ["", "", ""])]
        label = self.label or "Date"
        if not any(parts):
            if self.required:
                raise forms.ValidationError(f"Enter the {label.lower()}")
            return None
        names = ("a day", "a month", "a year")
        missing = [n for n, p in zip(names, parts) if not p]
        if missing:
            raise forms.ValidationError(f"{label} must include {' and '.join(missing)}")
        if not all(p.isdigit() for p in parts) or len(parts[2]) != 4:
            raise forms.ValidationError(f"{label} must be a real date, like 27 3 2026")
        try:
            return dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
        except ValueError:
            raise forms.ValidationError(f"{label} must be a real date, like 27 3 2026") from None

    def compress(self, data_list):  # pragma: no cover - clean() does the work
        return data_list


class SignInForm(forms.Form):
    email = forms.EmailField(label="Email address", max_length=254,
                             error_messages={"required": "Enter your email address",
                                             "invalid": "Enter an email address in the correct format, like name@example.gov.uk"})
    password = forms.CharField(label="Password", widget=forms.PasswordInput, max_length=200,
                               error_messages={"required": "Enter your password"})


class CodeForm(forms.Form):
    code = forms.CharField(label="Code", max_length=20, error_messages={"required": "Enter the code"})


class PasswordForm(forms.Form):
    password = forms.CharField(label="New password", widget=forms.PasswordInput, max_length=200,
                               help_text="At least 12 characters. A few random words work well.",
                               error_messages={"required": "Enter a new password"})
    confirm = forms.CharField(label="Confirm new password", widget=forms.PasswordInput, max_length=200,
                              error_messages={"required": "Enter the new password again"})


class RepresentativeForm(forms.Form):
    name = forms.CharField(label="Full name", max_length=200, error_messages={"required": "Enter the person's full name"})
    official_email = forms.CharField(label="Official email address", max_length=254,
                                     error_messages={"required": "Enter the official email address"})
    kind = forms.ChoiceField(label="What kind of representative are they?", choices=Kind.choices,
                             widget=forms.RadioSelect, error_messages={"required": "Select what kind of representative this is"})
    roles = forms.MultipleChoiceField(label="Roles", choices=Role.choices, required=False,
                                      widget=forms.CheckboxSelectMultiple,
                                      help_text="Select all that apply. Clerk and Chair must use two-factor sign-in.")
    organisation = forms.CharField(label="Organisation (optional)", max_length=200, required=False,
                                   help_text="For partners, contractors and volunteers.")
    job_title = forms.CharField(label="Job title or position (optional)", max_length=200, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 4}), max_length=2000,
                             error_messages={"required": "Enter the reason"})


class SuspensionForm(forms.Form):
    starts_on = DatePartsField(label="Start date", help_text="For example, 27 3 2026. Leave blank to start now.",
                               required=False)
    ends_on = DatePartsField(label="End date", help_text="The suspension ends at the start of this day. "
                             "Leave blank for no end date.", required=False)
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 4}), max_length=2000,
                             help_text="The representative is told this reason.",
                             error_messages={"required": "Enter the reason for the suspension"})


class InterestForm(forms.Form):
    category = forms.ChoiceField(label="Category", choices=InterestCategory.choices, widget=forms.RadioSelect,
                                 error_messages={"required": "Select the category of interest"})
    description = forms.CharField(label="Description", max_length=500,
                                  help_text="For example, 'Director, Stalbridge Garden Centre Ltd'.",
                                  error_messages={"required": "Describe the interest"})
    registered_on = DatePartsField(label="Date registered", help_text="For example, 27 3 2026.")


class AuditFilterForm(forms.Form):
    event_type = forms.TypedChoiceField(label="Event", required=False, coerce=int, empty_value=None)
    actor = forms.CharField(label="Who", required=False, max_length=200)
    target = forms.CharField(label="About", required=False, max_length=200)
    date_from = DatePartsField(label="From", required=False)
    date_to = DatePartsField(label="To", required=False)

    def __init__(self, *args, **kwargs):
        from herald.records.events import EventType

        super().__init__(*args, **kwargs)
        self.fields["event_type"].choices = [("", "All events")] + [(e.value, e.label) for e in EventType]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "The 'to' date must be the same as or after the 'from' date")
        return data


class ChannelForm(forms.Form):
    name = forms.CharField(label="Name of the channel", max_length=120,
                           help_text="For example, 'Town news on Bluesky'.",
                           error_messages={"required": "Enter a name for the channel"})
    platform = forms.ChoiceField(label="Platform", widget=forms.RadioSelect,
                                 error_messages={"required": "Select the platform"})
    kind = forms.ChoiceField(label="What kind of application is it?", widget=forms.RadioSelect,
                             help_text="Virtual worlds and RSS aggregation always need the Clerk's approval (scope.discuss).",
                             error_messages={"required": "Select what kind of application it is"})
    use = forms.ChoiceField(label="How will it be used?", widget=forms.RadioSelect,
                            error_messages={"required": "Select how it will be used"})
    purpose = forms.CharField(label="What is it for?", widget=forms.Textarea, max_length=2000,
                              error_messages={"required": "Say what the channel is for"})
    audience = forms.ChoiceField(label="Who is it mainly for?", widget=forms.RadioSelect,
                                 help_text="Channels for children or young people get stricter checks.",
                                 error_messages={"required": "Select who it is mainly for"})
    handle = forms.CharField(label="Account handle (optional until it is set up)", max_length=200, required=False,
                             help_text="For example, stalbridgetc.bsky.social")
    account_email = forms.CharField(label="Email address the account is registered with (optional)", max_length=254,
                                    required=False, help_text="Official accounts use the council's address (ident.1).")
    service_url = forms.CharField(label="Server address (optional)", max_length=200, required=False,
                                  help_text="Only for Bluesky or Mastodon servers other than the usual ones.")
    logo_use = forms.ChoiceField(label="Does it use the Council's logo?", widget=forms.RadioSelect, required=False)
    owner = forms.TypedChoiceField(label="Who is responsible for it?", coerce=int,
                                   error_messages={"required": "Select who is responsible for it"})
    representatives = forms.TypedMultipleChoiceField(label="Who may post on it?", coerce=int, required=False,
                                                     widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, people=(), **kwargs):
        from herald.channels.models import ApplicationKind, Audience, LogoUse, Platform, Use

        super().__init__(*args, **kwargs)
        self.fields["platform"].choices = Platform.choices
        self.fields["kind"].choices = ApplicationKind.choices
        self.fields["use"].choices = Use.choices
        self.fields["audience"].choices = Audience.choices
        self.fields["logo_use"].choices = [c for c in LogoUse.choices if c[0]]
        choices = [(p.pk, p.name) for p in people]
        self.fields["owner"].choices = [("", "Select a person")] + choices
        self.fields["representatives"].choices = choices


class CredentialsForm(forms.Form):
    secret = forms.CharField(label="App password or access token", widget=forms.PasswordInput, max_length=500,
                             help_text="Stored encrypted. Herald never shows it again.",
                             error_messages={"required": "Enter the app password or access token"})
