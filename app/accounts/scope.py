"""The admin gives a coordinator their municipalities (core.scope): the teams, funds and
people of those municipalities are theirs to follow. Every change is audited."""

import sqlalchemy as sa
from wtforms import BooleanField
from wtforms.validators import StopValidation

from app.accounts.models import User
from app.core.audit import record
from app.core.errors import RuleViolated
from app.core.fields import MultiCheckboxField
from app.core.forms import Form
from app.core.i18n import lazy_gettext as _l
from app.core.policy import authorize
from app.extensions import db
from app.places.models import CoordinatorScope, Municipality


class ScopeForm(Form):
    everywhere = BooleanField(
        _l("Alle gemeenten (regio)"),
        description=_l("Komt er later een gemeente bij? Kies die dan hier ook voor deze coördinator."),
    )
    municipalities = MultiCheckboxField(
        _l("Gemeenten"),
        coerce=int,
        description=_l("Zonder gemeente ziet de coördinator geen teams."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.municipalities.choices = [(m.id, m.name) for m in all_municipalities()]
        # WTForms' own "not a valid choice" is English; say it in the form's words.
        self.municipalities.pre_validate = self._known

    def _known(self, form) -> None:
        field = self.municipalities
        known = {value for value, _label in field.choices}
        if field.process_errors or not set(field.data or ()) <= known:
            field.errors.clear()
            raise StopValidation(_l("Kies gemeenten uit de lijst."))

    @property
    def chosen(self) -> list[int]:
        if self.everywhere.data:
            return [value for value, _label in self.municipalities.choices]
        return list(self.municipalities.data or ())


def all_municipalities() -> list[Municipality]:
    return list(db.session.scalars(sa.select(Municipality).order_by(Municipality.name_key)))


def municipalities_of(user: User) -> list[Municipality]:
    """The coordinator's municipalities, by name."""
    return list(
        db.session.scalars(
            sa.select(Municipality)
            .join(CoordinatorScope, CoordinatorScope.municipality_id == Municipality.id)
            .where(CoordinatorScope.user_id == user.id)
            .order_by(Municipality.name_key)
        )
    )


def set_scope(actor: User, user: User, municipality_ids: list[int]) -> None:
    """Give the coordinator exactly these municipalities (none: they see no team). Only for a
    coordinator: an admin works everywhere, a resident nowhere."""
    authorize(actor, "user.manage_roles", user)
    if not user.is_coordinator:
        raise RuleViolated(_l("Alleen een coördinator werkt voor gemeenten. Geef eerst de rol coördinator."))
    chosen = set(municipality_ids)
    names = db.session.scalars(
        sa.select(Municipality.name).where(Municipality.id.in_(chosen)).order_by(Municipality.name_key)
    ).all()
    if len(names) != len(chosen):
        raise RuleViolated(_l("Kies gemeenten uit de lijst."), field="municipalities")
    rows = db.session.scalars(sa.select(CoordinatorScope).where(CoordinatorScope.user_id == user.id)).all()
    if {row.municipality_id for row in rows} == chosen:
        return
    for row in rows:
        if row.municipality_id not in chosen:
            db.session.delete(row)
    had = {row.municipality_id for row in rows}
    db.session.add_all(CoordinatorScope(user_id=user.id, municipality_id=m) for m in sorted(chosen - had))
    record(actor, "user.scope_changed", user, municipalities=", ".join(names))
    db.session.flush()
