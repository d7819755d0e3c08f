from django.urls import path

from herald.web.views import complaints

app_name = "complaints"

urlpatterns = [
    # Public (no account needed)
    path("councils/<slug:slug>/complaints/new", complaints.complaint_new, name="complaint-new"),
    path("councils/<slug:slug>/complaints/sent", complaints.complaint_sent, name="complaint-sent"),
    path("councils/<slug:slug>/complaints/status", complaints.complaint_status, name="complaint-status"),
    path("councils/<slug:slug>/complaints/review", complaints.complaint_review_request,
         name="complaint-review-request"),
    # Staff
    path("complaints/", complaints.case_index, name="complaint-cases"),
    path("complaints/report", complaints.case_report, name="complaint-report"),
    path("complaints/policy-review", complaints.policy_review_items, name="complaint-policy-review"),
    path("complaints/<int:case_pk>/", complaints.case_detail, name="complaint-case"),
    path("complaints/<int:case_pk>/acknowledge", complaints.case_acknowledge, name="complaint-acknowledge"),
    path("complaints/<int:case_pk>/note", complaints.case_note, name="complaint-note"),
    path("complaints/<int:case_pk>/files/<int:file_pk>", complaints.case_file, name="complaint-file"),
    path("complaints/<int:case_pk>/route", complaints.case_route, name="complaint-route"),
    path("complaints/<int:case_pk>/tell", complaints.case_tell, name="complaint-tell"),
    path("complaints/<int:case_pk>/response", complaints.case_response, name="complaint-response"),
    path("complaints/<int:case_pk>/decide", complaints.case_decide, name="complaint-decide"),
    path("complaints/<int:case_pk>/action/<str:kind>", complaints.case_enforce, name="complaint-enforce"),
    path("complaints/<int:case_pk>/review", complaints.case_appeal, name="complaint-appeal"),
    path("complaints/<int:case_pk>/review/decide", complaints.case_appeal_decide, name="complaint-appeal-decide"),
    # The person complained about
    path("complaints/<int:case_pk>/respond", complaints.case_respond, name="complaint-respond"),
]
