from django.urls import include, path

urlpatterns = [
    path("", include("herald.web.urls")),
    path("", include("herald.elections.urls")),
    path("", include("herald.posts.urls")),
]

handler400 = "herald.web.views.errors.bad_request"
handler403 = "herald.web.views.errors.forbidden"
handler404 = "herald.web.views.errors.not_found"
handler500 = "herald.web.views.errors.server_error"
