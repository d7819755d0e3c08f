"""Post forms: parse and shape input only; the services decide what is allowed."""

from __future__ import annotations

import datetime as dt

from django import forms

from herald.core import clock
from herald.posts.models import ExceptionCategory, Rights
from herald.web.forms import DatePartsField


class PostForm(forms.Form):
    text = forms.CharField(label="Text of the post", widget=forms.Textarea(attrs={"rows": 6}), max_length=5000,
                           error_messages={"required": "Enter the text of the post"})
    channels = forms.TypedMultipleChoiceField(label="Channels", coerce=int, required=False,
                                              widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, channels=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.channel_objects = {c.pk: c for c in channels}
        self.fields["channels"].choices = [(c.pk, f"{c.name} ({c.get_platform_display()})") for c in channels]

    def chosen_channels(self):
        return [self.channel_objects[pk] for pk in self.cleaned_data.get("channels", []) if pk in self.channel_objects]


class ScheduleForm(forms.Form):
    day = DatePartsField(label="Date", required=False, help_text="For example, 27 3 2026. Leave blank to publish as "
                         "soon as the post is approved.")
    time = forms.CharField(label="Time (UK time)", required=False, max_length=5, help_text="24-hour clock, like 09:30")

    def clean(self):
        data = super().clean()
        day, time = data.get("day"), (data.get("time") or "").strip()
        if day is None and not time:
            data["when"] = None
            return data
        if day is None:
            raise forms.ValidationError("Enter the date as well as the time")
        try:
            hours, minutes = (int(x) for x in (time or "09:00").split(":"))
            local = dt.datetime.combine(day, dt.time(hours, minutes), clock.LONDON)
        except ValueError:
            self.add_error("time", "Enter the time like 09:30")
            return data
        data["when"] = local
        return data


class DecisionForm(forms.Form):
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 4}), max_length=2000,
                             required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ExceptionForm(forms.Form):
    category = forms.ChoiceField(label="Kind of exception", choices=ExceptionCategory.choices,
                                 widget=forms.RadioSelect, error_messages={"required": "Select the kind of exception"})
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 4}), max_length=2000,
                             error_messages={"required": "Enter the reason for the exception"})


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Reason", widget=forms.Textarea(attrs={"rows": 4}), max_length=2000,
                             error_messages={"required": "Enter the reason"})


class ArchiveFilterForm(forms.Form):
    q = forms.CharField(label="Search text", required=False, max_length=200)
    channel = forms.TypedChoiceField(label="Channel", required=False, coerce=int, empty_value=None)
    author = forms.TypedChoiceField(label="Author", required=False, coerce=int, empty_value=None)
    clause = forms.CharField(label="Clause (for example tou.1)", required=False, max_length=60)
    date_from = DatePartsField(label="Submitted from", required=False)
    date_to = DatePartsField(label="Submitted to", required=False)

    def __init__(self, *args, channels=(), authors=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [("", "All channels")] + [(c.pk, c.name) for c in channels]
        self.fields["author"].choices = [("", "Everyone")] + [(a.pk, a.name) for a in authors]


YES_NO = [("yes", "Yes"), ("no", "No")]
NOT_SURE = "not_sure"


class AttachmentForm(forms.Form):
    """An image and what its author declares about it. `with_file=False` when changing the details."""

    file = forms.FileField(label="Image", required=False,
                           error_messages={"empty": "The file is empty. Choose an image.",
                                           "invalid": "Choose an image file to attach."})
    alt_text = forms.CharField(label="Alternative text", widget=forms.Textarea(attrs={"rows": 3}), max_length=1000,
                               error_messages={"required": "Describe the image in its alternative text: people who "
                                                           "cannot see it rely on it."})
    rights = forms.ChoiceField(label="Who owns the image?", widget=forms.RadioSelect,
                               choices=[*Rights.choices, (NOT_SURE, "Not sure yet (screening asks for a check)")],
                               error_messages={"required": "Choose who owns the image, or 'Not sure yet'"})
    credit = forms.CharField(label="Credit (optional)", required=False, max_length=300,
                             help_text="The photographer, owner or source, for example 'Photo: Jo Bloggs'.")
    depicts_children = forms.ChoiceField(label="Does the image show children (anyone under 18)?",
                                         widget=forms.RadioSelect, choices=YES_NO,
                                         error_messages={"required": "Select yes if the image shows children"})
    consent_recorded = forms.ChoiceField(label="If it shows children: do their parents' consent forms allow it to be "
                                               "published?", widget=forms.RadioSelect, choices=YES_NO, required=False)
    consent_reference = forms.CharField(label="Who holds the consent forms, or their reference (if it shows children)",
                                        required=False, max_length=300)

    def __init__(self, *args, with_file: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_file:
            del self.fields["file"]

    @classmethod
    def initial_for(cls, attachment) -> dict:
        return {"alt_text": attachment.alt_text, "rights": attachment.rights or NOT_SURE, "credit": attachment.credit,
                "depicts_children": "yes" if attachment.depicts_children else "no",
                "consent_recorded": "yes" if attachment.consent_recorded else "no",
                "consent_reference": attachment.consent_reference}

    def details(self) -> dict:
        """The service's keyword arguments for the declarations."""
        data = self.cleaned_data
        rights = data["rights"]
        return {"alt_text": data["alt_text"], "rights": "" if rights == NOT_SURE else rights,
                "credit": data["credit"], "depicts_children": data["depicts_children"] == "yes",
                "consent_recorded": data.get("consent_recorded") == "yes",
                "consent_reference": data["consent_reference"]}


class PersonalCheckForm(forms.Form):
    text = forms.CharField(label="Text you want to post on your own account", max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 6}),
                           error_messages={"required": "Enter the text you want to check"})
