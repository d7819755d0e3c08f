"""Complaint forms parse and shape input only; the services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.conf import settings

from herald.complaints.models import MAX_TEXT, About, AppealOutcome, EnforcementKind, Outcome, Route, Visibility
from herald.web.forms import DatePartsField

YES_NO = [("no", "No, you may tell them who I am"), ("yes", "Yes, keep my name and contact details confidential")]


def _text(label: str, limit: int, required_message: str, **kwargs) -> forms.CharField:
    return forms.CharField(label=label, widget=forms.Textarea(attrs={"rows": 6}), max_length=limit,
                           error_messages={"required": required_message,
                                           "max_length": f"{label} must be {limit:,} characters or fewer"},
                           **kwargs)


class ComplaintForm(forms.Form):
    about = forms.ChoiceField(label="What is your complaint about?", choices=About.choices, widget=forms.RadioSelect,
                              error_messages={"required": "Select what your complaint is about"})
    post = forms.CharField(required=False, widget=forms.HiddenInput, max_length=20)
    channel = forms.TypedChoiceField(label="Which channel?", coerce=int, required=False, empty_value=None)
    about_detail = forms.CharField(label="Which post, or who is it about? (optional for a channel)", max_length=500,
                                   required=False,
                                   help_text="For a post: paste its link, or say where and when you saw it. "
                                             "For someone's conduct: their name or role.",
                                   error_messages={"max_length": "This must be 500 characters or fewer"})
    about_clerk = forms.BooleanField(label="My complaint is about the Town Clerk", required=False)
    text = _text("Your complaint", MAX_TEXT, "Enter your complaint",
                 help_text=f"Tell us what happened and what you would like the council to do. Up to {MAX_TEXT:,} "
                           "characters.")
    name = forms.CharField(label="Your full name", max_length=200,
                           error_messages={"required": "Enter your full name",
                                           "max_length": "Your name must be 200 characters or fewer"})
    email = forms.CharField(label="Email address", max_length=254,
                            help_text="We send your reference and our response here.",
                            error_messages={"required": "Enter your email address",
                                            "max_length": "Your email address must be 254 characters or fewer"})
    phone = forms.CharField(label="Telephone number (optional)", max_length=40, required=False,
                            error_messages={"max_length": "Your telephone number must be 40 characters or fewer"})
    confidential = forms.ChoiceField(label="Should we keep your name confidential from the person you complain about?",
                                     choices=YES_NO, widget=forms.RadioSelect,
                                     error_messages={"required": "Select whether to keep your name confidential"})
    website = forms.CharField(label="Leave this empty", required=False, max_length=200)  # honeypot

    def __init__(self, *args, channels=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [("", "Select a channel")] + [(c.pk, c.name) for c in channels]


class StatusForm(forms.Form):
    reference = forms.CharField(label="Reference", max_length=30, help_text="For example, STC-2026-0042.",
                                error_messages={"required": "Enter your reference",
                                                "max_length": "The reference must be 30 characters or fewer"})
    email = forms.CharField(label="Email address", max_length=254,
                            help_text="The email address you gave with your complaint.",
                            error_messages={"required": "Enter your email address",
                                            "max_length": "Your email address must be 254 characters or fewer"})


class ReviewRequestForm(StatusForm):
    grounds = _text("Why should the decision be reviewed?", 5000, "Say why you want the decision reviewed")


class NoteForm(forms.Form):
    text = _text("Note", 5000, "Enter the note")
    visibility = forms.ChoiceField(label="Who may see it?", choices=Visibility.choices, widget=forms.RadioSelect,
                                   initial=Visibility.STAFF,
                                   error_messages={"required": "Choose who may see the note"})
    file = forms.FileField(label="Add a file (optional)", required=False,
                           help_text="A PDF, an image (JPEG, PNG, GIF or WebP) or a plain text file, up to {size}: "
                                     "a screenshot, say, or a letter or email saved as a PDF. It stays on the case "
                                     "file: it is not sent to the complainant, even with a public note.",
                           error_messages={"empty": "The file is empty. Choose a file.",
                                           "invalid": "Choose a file to add."})


    def __init__(self, *args, **kwargs):
        from herald.posts.services.attachments import human_size

        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = self.fields["file"].help_text.format(
            size=human_size(settings.HERALD_CASE_FILE_MAX_BYTES))


class MessageForm(forms.Form):
    message = _text("Message", 5000, "Enter the message")


class OptionalMessageForm(forms.Form):
    message = _text("Message to the complainant (optional)", 5000, "", required=False)


class ResponseForm(forms.Form):
    text = _text("Response", 5000, "Enter the response")


class RouteForm(forms.Form):
    route = forms.ChoiceField(label="How is the complaint dealt with?", choices=Route.choices,
                              widget=forms.RadioSelect, error_messages={"required": "Choose how it is dealt with"})
    representative = forms.TypedChoiceField(label="Who is it about? (optional)", coerce=int, required=False,
                                            empty_value=None)
    note = _text("Note (optional)", 5000, "", required=False)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["representative"].choices = [("", "Not a representative / not known")] + [
            (p.pk, f"{p.name} ({p.get_kind_display()})") for p in people]


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label="Outcome", choices=Outcome.choices, widget=forms.RadioSelect,
                                error_messages={"required": "Choose the outcome"})
    reasons = _text("Reasons", 5000, "Enter the reasons for the decision",
                    help_text="The complainant is sent these reasons.")
    clauses = forms.MultipleChoiceField(label="Clauses of the policy the complaint concerns", required=False,
                                        widget=forms.CheckboxSelectMultiple,
                                        help_text="A policy review item is opened (or linked) for these "
                                                  "(review.complaint). None chosen: review.complaint.")

    def __init__(self, *args, clauses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clauses"].choices = [(c.clause_id, f"{c.clause_id}: {c.title}") for c in clauses]


class EnforcementForm(forms.Form):
    reason = _text("Reason", 2000, "Enter the reason", help_text="Recorded on the case; a suspended representative "
                                                                  "is told it.")
    until = DatePartsField(label="Suspended until", required=False,
                           help_text="The suspension ends at the start of this day. For example, 27 3 2027.")
    channel = forms.TypedChoiceField(label="Channel to close", coerce=int, required=False, empty_value=None)

    def __init__(self, *args, kind: str = "", channels=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [("", "Select a channel")] + [(c.pk, c.name) for c in channels]
        if kind != EnforcementKind.SUSPENSION:
            del self.fields["until"]
        else:
            self.fields["until"].required = True
            self.fields["until"].error_messages["required"] = "Enter the date the suspension ends"
        if kind != EnforcementKind.CLOSURE:
            del self.fields["channel"]


class AppealRecordForm(forms.Form):
    grounds = _text("Grounds for the review", 5000, "Enter the grounds for the review")


class AppealDecisionForm(forms.Form):
    outcome = forms.ChoiceField(label="Outcome of the review", choices=AppealOutcome.choices,
                                widget=forms.RadioSelect, error_messages={"required": "Choose the outcome"})
    reasons = _text("Reasons", 5000, "Enter the reasons")


class ReportForm(forms.Form):
    date_from = DatePartsField(label="From", required=False, help_text="The day after the last council meeting.")
    date_to = DatePartsField(label="To", required=False)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "The 'to' date must be the same as or after the 'from' date")
        return data
