from django.urls import include, path

from herald.web.views import account, audit, auth, channels, dashboard, people, public

app_name = "web"

urlpatterns = [
    # Public
    path("", public.home, name="home"),
    path("policy", public.policy_default, name="policy"),
    path("councils/<slug:slug>/", public.council_home, name="council-home"),
    path("councils/<slug:slug>/policy", public.policy_page, name="council-policy"),
    path("councils/<slug:slug>/channels/", public.channel_list, name="public-channels"),
    path("councils/<slug:slug>/channels/<int:channel_pk>", public.channel_page, name="public-channel"),
    path("councils/<slug:slug>/news", public.news_page, name="news"),
    path("councils/<slug:slug>/news.atom", public.NewsFeed(), name="news-feed"),
    # Sign-in
    path("sign-in", auth.sign_in, name="sign-in"),
    path("sign-in/two-factor", auth.two_factor, name="two-factor"),
    path("sign-in/two-factor/set-up", auth.two_factor_setup, name="two-factor-setup"),
    path("sign-out", auth.sign_out, name="sign-out"),
    path("account/set-password/<str:uidb64>/<str:token>", auth.set_password, name="set-password"),
    # Representatives
    path("dashboard", dashboard.dashboard, name="dashboard"),
    path("account", account.account, name="account"),
    path("account/recovery-codes", account.recovery_codes, name="recovery-codes"),
    path("account/recovery-codes/new", account.recovery_codes_regenerate, name="recovery-codes-new"),
    path("policy/acknowledge", account.acknowledge_policy, name="acknowledge-policy"),
    path("people/", people.people_list, name="people"),
    path("people/new", people.person_new, name="person-new"),
    path("people/<int:pk>/", people.person_detail, name="person"),
    path("people/<int:pk>/edit", people.person_edit, name="person-edit"),
    path("people/<int:pk>/deactivate", people.person_deactivate, name="person-deactivate"),
    path("people/<int:pk>/reactivate", people.person_reactivate, name="person-reactivate"),
    path("people/<int:pk>/account", people.person_account, name="person-account"),
    path("people/<int:pk>/two-factor/reset", people.person_two_factor_reset, name="person-two-factor-reset"),
    path("people/<int:pk>/suspend", people.person_suspend, name="person-suspend"),
    path("people/<int:pk>/suspensions/<int:suspension_pk>/lift", people.suspension_lift, name="suspension-lift"),
    path("people/<int:pk>/interests/new", people.interest_new, name="interest-new"),
    path("people/<int:pk>/interests/<int:interest_pk>/remove", people.interest_remove, name="interest-remove"),
    path("channels/", channels.channel_index, name="channels"),
    path("channels/new", channels.channel_new, name="channel-new"),
    path("channels/<int:channel_pk>/", channels.channel_detail, name="channel"),
    path("channels/<int:channel_pk>/edit", channels.channel_edit, name="channel-edit"),
    path("channels/<int:channel_pk>/decide/<str:action>", channels.channel_decide, name="channel-decide"),
    path("channels/<int:channel_pk>/re-approve", channels.channel_reapprove, name="channel-reapprove"),
    path("channels/<int:channel_pk>/credentials", channels.channel_credentials, name="channel-credentials"),
    path("channels/<int:channel_pk>/check", channels.channel_check, name="channel-check"),
    path("channels/<int:channel_pk>/complaints-info", channels.channel_confirm_complaints_info,
         name="channel-complaints-info"),
    path("audit/", audit.audit_list, name="audit"),
    path("audit/export", audit.audit_export, name="audit-export"),
]
