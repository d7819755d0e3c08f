from django.urls import include, path

from herald.api.urls import operations as api_operations

urlpatterns = [
    path("", include("herald.web.urls")),
    path("", include("herald.elections.urls")),
    path("", include("herald.posts.urls")),
    path("", include("herald.complaints.urls")),
    path("", include("herald.api.urls")),  # API token pages and /api/docs
    path("api/", api_operations),  # the REST API (django-ninja)
]

handler400 = "herald.web.views.errors.bad_request"
handler403 = "herald.web.views.errors.forbidden"
handler404 = "herald.web.views.errors.not_found"
handler500 = "herald.web.views.errors.server_error"
