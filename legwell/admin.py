"""The editors' admin site: Legwell's name on every admin page, and a second
factor (a code from an authenticator app, or a recovery code) for editors and
clinical reviewers."""

from django import forms
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django_otp import match_token, user_has_device

from governance.models import CLINICAL_REVIEWERS_GROUP
from nutrients.editors import EDITORS_GROUP

# Those who change or approve what readers are told always need a code.
SECOND_FACTOR_GROUPS = (EDITORS_GROUP, CLINICAL_REVIEWERS_GROUP)


def needs_second_factor(user) -> bool:
    """Editors and clinical reviewers always; other staff (the administrators who run
    the site) once they have enrolled one."""
    return user.groups.filter(name__in=SECOND_FACTOR_GROUPS).exists() or user_has_device(user)


class SignInForm(AdminAuthenticationForm):
    code = forms.CharField(
        label="Code",
        required=False,
        help_text="The 6-digit code your authenticator app shows for Legwell, or one of your recovery codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autocapitalize": "none"}),
    )
    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "second_factor": "Enter the code your authenticator app shows now, or one of your recovery codes.",
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if needs_second_factor(user):
            code = "".join(self.cleaned_data.get("code", "").split())
            # django-otp's sign-in signal keeps the device that matched in the session.
            user.otp_device = match_token(user, code) if code else None
            if user.otp_device is None:
                raise forms.ValidationError(self.error_messages["second_factor"], code="second_factor")


class EditorsAdminSite(admin.AdminSite):
    site_header = site_title = "Legwell editors"
    index_title = "Content"
    login_form = SignInForm
    login_template = "admin/sign_in.html"

    def has_permission(self, request):
        """An editor signed in without the second factor (an old session, say) is asked to sign in again."""
        return super().has_permission(request) and (request.user.is_verified() or not needs_second_factor(request.user))
