from django.contrib.auth import authenticate, login
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def login_page(request):
    """The provider's own login: a test posts the credentials (no CSRF: a throw-away provider)."""
    if request.method == "POST":
        user = authenticate(request, username=request.POST["username"], password=request.POST["password"])
        if user is not None:
            login(request, user)
            return HttpResponseRedirect(request.GET.get("next", "/whoami/"))
    return HttpResponse('<form method="post"><input name="username"><input name="password"></form>')


def whoami(request):
    return HttpResponse(request.user.username if request.user.is_authenticated else "anonyme")


urlpatterns = [
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    path("login/", login_page),
    path("whoami/", whoami),
]
