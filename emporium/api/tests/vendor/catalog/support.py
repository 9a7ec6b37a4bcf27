"""What the vendor catalogue API tests share besides fixtures."""

from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from emporium.accounts.models import User

API = "/api/v1/vendor"

# The signed-in user (JWT), the user's shops and membership (IsShopMember).
VENDOR_QUERIES = 3


def client_for(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        token = RefreshToken.for_user(user).access_token
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client
