"""The allauth adapter: the site's one answer to "which address is this?"."""

from allauth.account.adapter import DefaultAccountAdapter

from .ratelimit import client_address


class AccountAdapter(DefaultAccountAdapter):
    """allauth's rate limits count per address as ``client_address`` finds it."""

    def get_client_ip(self, request) -> str:
        return client_address(request)
