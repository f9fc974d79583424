from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404

from parvis.accounts import policy


def require(perm: str, get_object=None, hide: bool = False):
    """View decorator: checks `perm` on the object returned by `get_object(request, **kwargs)`.

    Anonymous users are sent to the login page; others get a French 403, or a 404 when `hide` is set
    (for objects whose very existence must not leak, such as restricted datasets).
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            obj = get_object(request, **kwargs) if get_object else None
            if policy.can(request.user, perm, obj):
                if get_object:
                    request.permission_object = obj
                return view(request, *args, **kwargs)
            if hide:
                raise Http404
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied

        return wrapped

    return decorator
