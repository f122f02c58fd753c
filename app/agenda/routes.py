import hashlib
from datetime import date

from flask import Blueprint, Response, render_template, request
from flask_babel import format_date, get_locale
from flask_babel import gettext as _
from flask_login import current_user

from app.activities.labels import KIND_LABELS, STATUS_LABELS
from app.agenda import ical, services, share
from app.agenda.forms import AgendaForm
from app.agenda.services import Filters
from app.core import qr
from app.core.cache import public_page, row_with
from app.core.params import page_arg, parse_month, text_arg
from app.core.share import plain
from app.core.urls import external_url
from app.evaluations import services as evaluations
from app.extensions import db
from app.places.models import Neighbourhood
from app.signups import checkin
from app.signups import services as signups
from app.teams.services import load_team_or_404

bp = Blueprint("agenda", __name__)

ICAL_TYPE = "text/calendar; charset=utf-8"
# The poster's line of text: what fits under the title in large type.
POSTER_LINE = 160


@bp.context_processor
def labels():
    return {"ACTIVITY_KINDS": KIND_LABELS, "ACTIVITY_STATUSES": STATUS_LABELS}


def _month_arg() -> tuple[int, int, str | None]:
    """The month to show: ?maand=2026-12, else this month (with a message if it was wrong)."""
    value = text_arg("maand")
    parsed = parse_month(value) if value else None
    today = services.local_today()
    if parsed:
        return (*parsed, None)
    message = _("Deze maand kunnen we niet tonen. U ziet nu deze maand.") if value else None
    return today.year, today.month, message


def _shift(year: int, month: int, step: int) -> str:
    index = year * 12 + month - 1 + step
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _calendar(neighbourhood: Neighbourhood | None):
    form = AgendaForm(request.args)
    if neighbourhood is not None:
        del form.buurt
    form.validate()
    hood_id = neighbourhood.id if neighbourhood else form.neighbourhood_id
    filters = Filters(neighbourhood_id=hood_id, kind=form.kind)
    # Links to the other view and months keep the filters that are in use and valid.
    link_args = {"soort": form.kind.value if form.kind else None}
    if neighbourhood:
        link_args["neighbourhood_id"] = neighbourhood.id
    else:
        link_args["buurt"] = hood_id
    context = dict(
        form=form,
        neighbourhood=neighbourhood,
        feed_hood_id=hood_id,
        endpoint=request.endpoint,
        link_args={key: value for key, value in link_args.items() if value is not None},
    )
    if request.args.get("weergave") == "maand":
        year, month, month_error = _month_arg()
        start, end = services.month_bounds(year, month)
        days, more = services.month(Filters(filters.neighbourhood_id, filters.kind, start, end))
        weeks = services.month_weeks(year, month)
        return render_template(
            "agenda/month.html",
            **context,
            view="maand",
            weeks=weeks,
            weekdays=[(format_date(day, "EEEE"), format_date(day, "EEEEEE")) for day in weeks[0]],
            month=month,
            current_month=f"{year:04d}-{month:02d}",
            month_name=format_date(date(year, month, 1), "MMMM y"),
            days=days,
            more=more,
            month_error=month_error,
            previous_month=_shift(year, month, -1),
            next_month=_shift(year, month, 1),
            today=services.local_today(),
        )
    start = services.start_of(services.local_today())
    page = services.listing(Filters(filters.neighbourhood_id, filters.kind, start), page_arg())
    return render_template("agenda/list.html", **context, view="lijst", page=page)


# What a calendar shows: activities with their places left, teams, neighbourhoods.
CALENDAR = ("activity", "sign_up", "team", "neighbourhood", "municipality")


@bp.route("/agenda")
@public_page(lambda: CALENDAR)
def index():
    return _calendar(None)


@bp.route("/buurten/<int:neighbourhood_id>/agenda")
@public_page(lambda neighbourhood_id: CALENDAR)
def neighbourhood(neighbourhood_id):
    return _calendar(db.get_or_404(Neighbourhood, neighbourhood_id))


@bp.route("/activiteiten/<int:activity_id>")
# The activity with its sign-ups, evaluation and photos, its team and place; not what else
# refers to it (a voucher request, its checklist), which a visitor does not see.
@public_page(
    lambda activity_id: (*row_with("activity", activity_id, "sign_up", "evaluation", "photo"), "team", "neighbourhood")
)
def activity(activity_id):
    entry = services.public_activity_or_404(activity_id)
    story = evaluations.public_story(entry.activity)
    preview = share.activity_preview(entry, story)
    my_sign_up = signups.of_user(entry.activity, current_user)
    return render_template(
        "agenda/activity.html",
        entry=entry,
        activity=entry.activity,
        my_sign_up=my_sign_up,
        checkin_pass=checkin.door_pass(entry.activity, my_sign_up),
        open=signups.is_open(entry.activity),
        story=story,
        preview=preview,
        event=share.event_data(entry, preview),
    )


@bp.route("/activiteiten/<int:activity_id>/poster")
@public_page(lambda activity_id: (*row_with("activity", activity_id, "evaluation", "photo"), "team", "neighbourhood"))
def poster(activity_id):
    """A4 to print and hang in the portiek, with a QR code to the activity's page."""
    entry = services.public_activity_or_404(activity_id)
    story = evaluations.public_story(entry.activity)
    link = external_url("agenda.activity", activity_id=activity_id)
    return render_template(
        "agenda/poster.html",
        entry=entry,
        activity=entry.activity,
        photo=story.photos[0] if story and story.photos else None,
        line=plain(entry.activity.description, POSTER_LINE),
        link=link,
        qr=qr.svg(link, _("QR-code naar de pagina van deze activiteit")),
    )


# --- feeds ------------------------------------------------------------------------------


def _ical(version: str, build, filename: str | None = None) -> Response:
    """The feed, or 304 when the calendar app has this version already (If-None-Match)."""
    if request.if_none_match.contains(version):
        response = Response(status=304)
    else:
        response = Response(build(), content_type=ICAL_TYPE)
        if filename:
            response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.set_etag(version)
    return response


def _scoped_feed(scope, name: str) -> Response:
    version = services.feed_version(scope, name, str(get_locale()))
    return _ical(version, lambda: ical.calendar(name, services.feed_entries(scope)))


@bp.route("/buurten/<int:neighbourhood_id>/agenda.ics")
def neighbourhood_feed(neighbourhood_id):
    hood = db.get_or_404(Neighbourhood, neighbourhood_id)
    return _scoped_feed(services.neighbourhood_scope(hood), _("Buurtmakers: agenda van %(name)s", name=hood.name))


@bp.route("/teams/<int:team_id>/agenda.ics")
def team_feed(team_id):
    team = load_team_or_404(team_id)
    return _scoped_feed(services.team_scope(team), _("Buurtmakers: agenda van %(name)s", name=team.name))


@bp.route("/activiteiten/<int:activity_id>.ics")
def activity_feed(activity_id):
    entry = services.public_activity_or_404(activity_id)
    activity = entry.activity
    key = f"{activity.id}|{activity.updated_at}|{activity.sequence}|{entry.team.name}|{get_locale()}"
    return _ical(
        hashlib.sha256(key.encode()).hexdigest()[:32],
        lambda: ical.calendar(activity.title, [entry]),
        filename=f"activiteit-{activity.id}.ics",
    )
