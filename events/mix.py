"""The stakeholder mix of a workshop: who registered and who came per role, against the quotas."""

from dataclasses import dataclass

from codesign.models import StakeholderRole

from .models import Registration, Workshop


@dataclass(frozen=True)
class RoleRow:
    role: str
    label: str
    confirmed: int
    waitlisted: int
    quota: int | None
    scale: int
    attended: int = 0

    @property
    def empty(self) -> bool:
        return self.confirmed == 0

    @property
    def full(self) -> bool:
        return self.quota is not None and self.confirmed >= self.quota

    def percent(self, value: int | None) -> int:
        return round(100 * (value or 0) / self.scale) if self.scale else 0

    @property
    def confirmed_percent(self) -> int:
        return self.percent(self.confirmed)

    @property
    def waitlisted_percent(self) -> int:
        return min(self.percent(self.waitlisted), 100 - self.confirmed_percent)

    @property
    def attended_percent(self) -> int:
        return min(self.percent(self.attended), 100)

    @property
    def quota_percent(self) -> int | None:
        return None if self.quota is None else min(self.percent(self.quota), 100)


def stakeholder_mix(
    workshop: Workshop,
    registrations: list[Registration],
    attended: dict[str, int] | None = None,
) -> list[RoleRow]:
    """One row per stakeholder role, on a common scale so bars can be compared.

    ``attended`` is who came by role (``attendance.attended_by_role``), walk-ins included.
    """
    attended = attended or {}
    status = Registration.Status
    confirmed = {role: 0 for role in StakeholderRole.values}
    waiting = dict(confirmed)
    for registration in registrations:
        if registration.status == status.CONFIRMED:
            confirmed[registration.role] += 1
        elif registration.status == status.WAITLISTED:
            waiting[registration.role] += 1
    quotas = [workshop.quota_for(role) or 0 for role in StakeholderRole.values]
    counts = [confirmed[r] + waiting[r] for r in StakeholderRole.values]
    scale = max([1, *quotas, *counts, *attended.values()])
    return [
        RoleRow(
            role,
            str(label),
            confirmed[role],
            waiting[role],
            workshop.quota_for(role),
            scale,
            attended.get(role, 0),
        )
        for role, label in StakeholderRole.choices
    ]
