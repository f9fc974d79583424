from ninja import Router, Schema

router = Router(tags=["Comptes"])


class MembershipOut(Schema):
    organisation: str
    slug: str
    role: str


class MeOut(Schema):
    authenticated: bool
    email: str | None = None
    is_admin: bool = False
    memberships: list[MembershipOut] = []


@router.get("/me", response=MeOut, summary="Le compte connecté et ses rôles")
def me(request):
    user = request.user
    if not user.is_authenticated:
        return {"authenticated": False}
    return {
        "authenticated": True,
        "email": user.email,
        "is_admin": user.is_superuser,
        "memberships": [
            {"organisation": m.organisation.name, "slug": m.organisation.slug, "role": m.role}
            for m in user.memberships.select_related("organisation")
        ],
    }
