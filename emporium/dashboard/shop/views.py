"""Dashboard pages of the shop itself: its profile, its team and its
branches, scoped to `request.vendor_shop`.

Every member reads these pages and manages branches; only owners change
the profile and the team (`owner_required`, 403 for staff). Another shop's
invitation, member or branch is a 404. Each view validates a form, calls
one vendors service and redirects (post/redirect/get) or re-renders the
form with the service's error.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods, require_POST

from emporium.core.errors import DomainError, NotFound
from emporium.dashboard.access import owner_required, vendor_required
from emporium.dashboard.pages import render_dashboard
from emporium.vendors import selectors, services
from emporium.vendors.forms import BranchForm, InvitationForm, ShopProfileForm
from emporium.vendors.services.shops import NAME_EDITABLE

get_and_post = require_http_methods(["GET", "POST"])


def _is_owner(request: HttpRequest) -> bool:
    membership = request.vendor_membership
    return bool(membership and membership.is_owner)


# --- Profile --------------------------------------------------------------------


@vendor_required
@get_and_post
def shop_profile(request: HttpRequest) -> HttpResponse:
    """The public profile; owners change it, staff read it."""
    shop = request.vendor_shop
    if request.method == "POST" and not _is_owner(request):
        raise PermissionDenied("Only the shop's owners may change its profile.")
    form = ShopProfileForm(
        *((request.POST, request.FILES) if request.method == "POST" else ()),
        initial=ShopProfileForm.initial_for(shop),
        name_editable=shop.status in NAME_EDITABLE,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_shop_profile(
                shop_id=shop.pk,
                profile=services.ShopProfile(**form.profile_changes()),
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(request, "Your shop profile is saved.")
            return redirect("dashboard:shop-profile")
    context = {"form": form, "can_edit": _is_owner(request)}
    return render_dashboard(request, "dashboard/shop/profile.html", context)


# --- Team -----------------------------------------------------------------------


def _render_team(request: HttpRequest, form: InvitationForm, status: int = 200):
    shop = request.vendor_shop
    context = {
        "members": selectors.list_shop_members(shop=shop),
        "invitations": selectors.list_open_invitations(shop=shop),
        "form": form,
        "can_manage": _is_owner(request),
    }
    return render_dashboard(request, "dashboard/shop/team.html", context, status=status)


@vendor_required
@require_http_methods(["GET"])
def team(request: HttpRequest) -> HttpResponse:
    """Members and open invitations; owners see the invite form."""
    return _render_team(request, InvitationForm())


@owner_required
@require_POST
def team_invite(request: HttpRequest) -> HttpResponse:
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.invite_shop_staff(
                shop_id=request.vendor_shop.pk,
                email=form.cleaned_data["email"],
                invited_by=request.user,
            )
        except DomainError as exc:
            form.add_domain_error(exc)
        else:
            messages.success(
                request, f"We emailed an invitation to {invitation.email}."
            )
            return redirect("dashboard:team")
    return _render_team(request, form, status=400)


def _team_action(request: HttpRequest, action, done: str) -> HttpResponse:
    try:
        action()
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("dashboard:team")


@owner_required
@require_POST
def team_invitation_revoke(request: HttpRequest, id: int) -> HttpResponse:
    return _team_action(
        request,
        lambda: services.revoke_shop_invitation(
            shop_id=request.vendor_shop.pk, invitation_id=id, actor=request.user
        ),
        "The invitation is withdrawn; its link no longer works.",
    )


@owner_required
@require_POST
def team_member_remove(request: HttpRequest, id: int) -> HttpResponse:
    return _team_action(
        request,
        lambda: services.remove_shop_member(
            shop_id=request.vendor_shop.pk, member_id=id, actor=request.user
        ),
        "The member is removed from the team.",
    )


# --- Branches -------------------------------------------------------------------


@vendor_required
@require_http_methods(["GET"])
def branches(request: HttpRequest) -> HttpResponse:
    listed = selectors.list_shop_branches(shop=request.vendor_shop)
    return render_dashboard(
        request, "dashboard/shop/branches.html", {"branches": listed}
    )


def _save_branch(request: HttpRequest, form: BranchForm, save) -> HttpResponse | None:
    """Run `save(values)` for a valid form; the redirect, or None to re-render."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        save(form.branch_values())
    except DomainError as exc:
        form.add_domain_error(exc)
        return None
    messages.success(request, "The branch is saved.")
    return redirect("dashboard:branches")


@vendor_required
@get_and_post
def branch_create(request: HttpRequest) -> HttpResponse:
    form = BranchForm(request.POST or None)
    done = _save_branch(
        request,
        form,
        lambda values: services.create_branch(
            shop_id=request.vendor_shop.pk, data=services.BranchData(**values)
        ),
    )
    return done or render_dashboard(
        request, "dashboard/shop/branch_form.html", {"form": form, "branch": None}
    )


def _own_branch(request: HttpRequest, id: int):
    try:
        return selectors.get_shop_branch(shop=request.vendor_shop, branch_id=id)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@vendor_required
@get_and_post
def branch_edit(request: HttpRequest, id: int) -> HttpResponse:
    branch = _own_branch(request, id)
    form = BranchForm(request.POST or None, initial=BranchForm.initial_for(branch))
    done = _save_branch(
        request,
        form,
        lambda values: services.update_branch(
            shop_id=request.vendor_shop.pk, branch_id=branch.pk, changes=values
        ),
    )
    return done or render_dashboard(
        request, "dashboard/shop/branch_form.html", {"form": form, "branch": branch}
    )


@vendor_required
@get_and_post
def branch_delete(request: HttpRequest, id: int) -> HttpResponse:
    branch = _own_branch(request, id)
    if request.method == "POST":
        services.delete_branch(shop_id=request.vendor_shop.pk, branch_id=branch.pk)
        messages.success(request, f"The branch {branch.name} is removed.")
        return redirect("dashboard:branches")
    return render_dashboard(
        request, "dashboard/shop/branch_delete.html", {"branch": branch}
    )
