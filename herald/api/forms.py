"""The form for a new API token: parse and shape input only; the service decides what is allowed."""

from __future__ import annotations

import datetime as dt

from django import forms

from herald.core import clock

EXPIRY_CHOICES = [("30", "In 30 days"), ("90", "In 90 days"), ("365", "In a year"), ("never", "Never")]


class ApiTokenForm(forms.Form):
    name = forms.CharField(label="Name", max_length=100,
                           help_text="Say what will use it, so that you can tell your tokens apart. For example, "
                                     "“Newsletter script”.",
                           error_messages={"required": "Enter a name for the token",
                                           "max_length": "The name must be 100 characters or fewer"})
    expiry = forms.ChoiceField(label="When should it stop working?", choices=EXPIRY_CHOICES,
                               widget=forms.RadioSelect, initial="90",
                               error_messages={"required": "Select when the token stops working",
                                               "invalid_choice": "Select when the token stops working"})

    def expires_at(self) -> dt.datetime | None:
        choice = self.cleaned_data["expiry"]
        return None if choice == "never" else clock.now() + dt.timedelta(days=int(choice))
