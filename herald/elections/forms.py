"""Forms of the Elections register: they parse and shape input only; the services decide."""

from __future__ import annotations

from django import forms

from herald.elections.models import Kind
from herald.web.forms import DatePartsField


class ElectionForm(forms.Form):
    kind = forms.ChoiceField(label="What kind of election is it?", choices=Kind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Select the kind of election"})
    polling_day = DatePartsField(label="Polling day", help_text="For example, 6 5 2027. Scheduled local elections "
                                 "are on the first Thursday in May.")
    notice_date = DatePartsField(
        label="Date the notice of election was published (optional)", required=False,
        help_text="The returning officer's notice of election (for a referendum, the start of the referendum "
                  "period). Leave blank until it is published: Herald then uses the latest date allowed by law.")
    dissolution_date = DatePartsField(
        label="Date Parliament was dissolved (general elections only)", required=False,
        help_text="Leave blank to use the latest date allowed by law for this polling day.")
    area = forms.CharField(label="Area (optional)", max_length=200, required=False,
                           help_text="The ward, parish or constituency, for example 'Stalbridge East ward'.")
    candidates = forms.CharField(label="Candidates (optional)", required=False, max_length=20000,
                                 widget=forms.Textarea(attrs={"rows": 4}),
                                 help_text="One name a line, once nominations have closed. Screening uses them.")
    description = forms.CharField(label="Notes (optional)", required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    confirm_not_thursday = forms.BooleanField(label="Yes, this polling day is right", required=False)
    scope = forms.ChoiceField(
        label="Which official channels does the pre-election period close?", widget=forms.RadioSelect,
        choices=[("all", "All official channels, including any added later"), ("chosen", "Only the channels I choose")],
        initial="all", required=False)
    channels = forms.MultipleChoiceField(
        label="Channels (if you chose only some)", required=False, widget=forms.CheckboxSelectMultiple,
        help_text="For example, a by-election in one ward may affect only that ward's channels.")

    def __init__(self, *args, council=None, **kwargs):
        super().__init__(*args, **kwargs)
        from herald.channels.selectors import official_channel_choices

        self.fields["channels"].choices = official_channel_choices(council=council) if council else []

    def clean(self):
        data = super().clean()
        # The service takes channel ids, or None for every official channel.
        chosen = data.pop("channels", None) or []
        data["channel_ids"] = chosen if data.pop("scope", "all") == "chosen" else None
        return data


class CancelForm(forms.Form):
    reason = forms.CharField(label="Why is the election cancelled?", widget=forms.Textarea(attrs={"rows": 4}),
                             max_length=2000, error_messages={"required": "Enter why the election is cancelled"})
