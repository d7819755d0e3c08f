from django.urls import path

from herald.elections import views

app_name = "elections"

urlpatterns = [
    path("elections/", views.election_register, name="elections"),
    path("elections/calendar", views.election_calendar, name="election-calendar"),
    path("elections/new", views.election_new, name="election-new"),
    path("elections/<int:election_pk>/", views.election_detail, name="election"),
    path("elections/<int:election_pk>/edit", views.election_edit, name="election-edit"),
    path("elections/<int:election_pk>/cancel", views.election_cancel, name="election-cancel"),
    path("councils/<slug:slug>/elections.ics", views.council_elections_ics, name="council-elections-ics"),
]
