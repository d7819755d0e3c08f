"""Error pages: plain English, never internals (details go to the log)."""

from django.shortcuts import render


def bad_request(request, exception=None):
    return render(request, "web/errors/400.html", status=400)


def forbidden(request, exception=None):
    return render(request, "web/errors/403.html", status=403)


def not_found(request, exception=None):
    return render(request, "web/errors/404.html", status=404)


def server_error(request):
    return render(request, "web/errors/500.html", status=500)


def csrf_failure(request, reason=""):
    """A form sent without its security token: an old page, or a form on another website."""
    return render(request, "web/errors/403.html", {
        "reason": "This form has expired, or it was sent from another website. Go back, reload the page and "
                  "try again."}, status=403)
