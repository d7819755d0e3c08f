"""Policy review forms parse and shape input only; the services decide what is allowed."""

from __future__ import annotations

from django import forms

from herald.web.forms import DatePartsField

MAX_UPLOAD = 500_000  # bytes


class PolicyUploadForm(forms.Form):
    """Step 1 of adopting a new version: the YAML, pasted or uploaded."""

    file = forms.FileField(label="Policy YAML file", required=False)
    text = forms.CharField(label="Or paste the policy YAML", required=False, widget=forms.Textarea(attrs={"rows": 12}),
                           strip=False)

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        if upload is not None:
            if upload.size > MAX_UPLOAD:
                self.add_error("file", f"The file must be {MAX_UPLOAD // 1000:,} KB or smaller.")
                return data
            try:
                data["text"] = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                self.add_error("file", "The file must be UTF-8 text (a .yaml file saved from a text editor).")
                return data
        if not (data.get("text") or "").strip() and "file" not in self.errors:
            self.add_error("text", "Paste the policy YAML or choose a file.")
        return data


class AdoptForm(forms.Form):
    """Step 2: the council's decision. The YAML travels in a hidden field and is checked again."""

    text = forms.CharField(widget=forms.HiddenInput, strip=False)
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    adopted_on = DatePartsField(label="Date of the decision")
    minute_reference = forms.CharField(label="Minute reference", max_length=200,
                                       error_messages={"required": "Enter the minute reference of the decision, "
                                                                   "like Minute 23/045",
                                                       "max_length": "The minute reference must be 200 characters "
                                                                     "or fewer"})
    decision = forms.CharField(label="The decision (optional)", required=False, max_length=5000,
                               widget=forms.Textarea(attrs={"rows": 4}),
                               error_messages={"max_length": "The decision must be 5,000 characters or fewer"})
    review_due = DatePartsField(label="Next review due (optional)", required=False)
    close_items = forms.TypedMultipleChoiceField(label="Review items this version closes", required=False,
                                                 coerce=int, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["close_items"].choices = [(i.pk, _item_label(i)) for i in items]


def _item_label(item) -> str:
    clauses = ", ".join(item.clauses) or "the whole policy"
    return f"{item.get_source_display()}: {clauses}"


class ReviewItemForm(forms.Form):
    clauses = forms.MultipleChoiceField(label="Clauses concerned", required=False, widget=forms.CheckboxSelectMultiple)
    notes = forms.CharField(label="Notes", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 5}),
                            error_messages={"max_length": "The notes must be 5,000 characters or fewer"})

    def __init__(self, *args, clauses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clauses"].choices = [(c.clause_id, f"{c.clause_id}: {c.title}") for c in clauses]


class CloseItemForm(forms.Form):
    outcome = forms.CharField(label="Outcome", max_length=5000, widget=forms.Textarea(attrs={"rows": 4}),
                              error_messages={"required": "Enter the outcome of the review",
                                              "max_length": "The outcome must be 5,000 characters or fewer"})
