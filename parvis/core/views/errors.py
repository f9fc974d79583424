from django.shortcuts import render


def bad_request(request, exception=None):
    return render(request, "core/errors/400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "core/errors/403.html", status=403)


def csrf_failure(request, reason=""):
    return render(request, "core/errors/403_csrf.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "core/errors/404.html", status=404)


def server_error(request):
    return render(request, "core/errors/500.html", status=500)
