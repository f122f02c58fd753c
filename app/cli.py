"""CLI commands, registered in the factory. Each command commits its own work once."""

import click
from flask import Flask

from app.core.jobs import failed_items, periodic
from app.extensions import db


def _fail_if_items_failed(what: str) -> None:
    """After a job's commit: exit with an error when items failed, so cron reports the run."""
    if failed_items():
        raise click.ClickException(f"{failed_items()} {what} failed (see the log); they are tried again next run")


def register(app: Flask) -> None:
    @app.cli.group()
    def seed():
        """Fill the database with templates or demo data."""

    @seed.command("demo")
    def seed_demo():
        """Demo municipality, neighbourhoods, accounts, teams, activities and funds with
        voucher requests (idempotent)."""
        from seeds.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET, build_demo

        # The demo's own notifications stay in the outbox: printed, they would bury the logins.
        app.config["MAIL_PRINT"] = False
        accounts = build_demo()
        db.session.commit()
        click.echo(f"Demo-accounts (wachtwoord voor allemaal: {DEMO_PASSWORD}):")
        for role, email in accounts:
            click.echo(f"  {role:<12} {email}")
        click.echo(
            f"  (tweestap vraagt na het wachtwoord een code: sleutel {DEMO_TOTP_SECRET} in een authenticator-app)"
        )

    @seed.command("templates")
    @click.option("--overwrite-local", multiple=True, metavar="SLUG", help="Take the seed for this edited template.")
    def seed_templates(overwrite_local):
        """Method templates from seeds/templates/*.yaml: upsert by slug (see templates_library.seeding)."""
        from app.templates_library.seeding import SeedError, seed_from_files

        try:
            report = seed_from_files(overwrite_local=frozenset(overwrite_local))
        except SeedError as error:
            raise click.ClickException(str(error)) from error
        db.session.commit()
        for line in report.lines():
            click.echo(line)

    @app.cli.group()
    def teams():
        """Team housekeeping."""

    @teams.command("mark-dormant")
    @periodic("teams mark-dormant")
    def mark_dormant():
        """Mark teams without activity for TEAM_DORMANT_AFTER_DAYS as dormant."""
        from app.teams.services import mark_dormant_teams

        count = mark_dormant_teams()
        db.session.commit()
        click.echo(f"{count} team(s) marked dormant")

    @app.cli.group()
    def outbox():
        """The e-mail outbox."""

    @outbox.command("send")
    @periodic("outbox send")
    def outbox_send():
        """Send queued e-mails over SMTP (MAIL_SERVER, MAIL_SECURITY); a mail that fails waits
        for a later run, so the others go on."""
        from app.core.mail import send_outbox

        delivery = send_outbox()
        click.echo(f"{delivery.sent} mail(s) sent, {delivery.failed} failed")

    @outbox.command("failed")
    def outbox_failed():
        """List the mails that could not be sent (times in UTC): their error, and when the
        next try is or that they were given up."""
        from app.core.mail import failed_mails

        mails = failed_mails()
        for mail in mails:
            state = (
                f"given up {mail.gave_up_at:%Y-%m-%d %H:%M}"
                if mail.gave_up_at
                else f"next try {mail.next_try_at:%Y-%m-%d %H:%M}"
            )
            click.echo(
                f"#{mail.id} to {mail.recipient} (queued {mail.created_at:%Y-%m-%d %H:%M}): {mail.tries} tries, {state}"
            )
            click.echo(f"    {mail.last_error}")
        click.echo(f"{len(mails)} failed mail(s)")

    @app.cli.command("reminders")
    @periodic("reminders")
    def reminders():
        """Send the daily reminders, each once per situation (safe to run twice): evaluate an
        activity that took place; account for a voucher before its deadline; a team heading
        for dormant; a decision pending too long; a helpdesk question waiting for an answer.
        One that fails is rolled back alone and tried again on the next run."""
        from app.coordination import reminders as coordination
        from app.evaluations.services import send_reminders
        from app.money.settlement.services import remind_due

        count, due, signals = send_reminders(), remind_due(), coordination.send_reminders()
        db.session.commit()
        click.echo(f"{count} evaluation reminder(s) sent")
        click.echo(f"{due} accountability reminder(s) sent")
        for kind, number in signals.items():
            click.echo(f"{number} {kind.replace('_', ' ')} reminder(s) sent")
        _fail_if_items_failed("reminder(s)")

    @app.cli.group()
    def digest():
        """The daily digest of the messages people chose to get that way."""

    @digest.command("send")
    @periodic("digest send")
    def digest_send():
        """Queue one mail per person with their new messages, grouped by team (daily; safe to
        run twice: a message goes into one digest only). Nobody gets an empty one."""
        from app.mailing.digest import send_digests

        count = send_digests()
        db.session.commit()
        click.echo(f"{count} digest(s) queued")
        _fail_if_items_failed("digest(s)")

    @app.cli.group()
    def letter():
        """The neighbourhood letter "Wat gebeurt er in mijn buurt"."""

    @letter.command("send")
    @periodic("letter send")
    def letter_send():
        """Queue this week's letters: per neighbourhood the coming public activities and the new
        public stories, to every confirmed address; none where there is nothing (weekly; safe
        to run twice: an address gets one letter a week)."""
        from app.core.models import utcnow
        from app.letter.weekly import send_letters

        count = send_letters(utcnow())
        db.session.commit()
        click.echo(f"{count} letter(s) queued")
        _fail_if_items_failed("neighbourhood letter(s)")

    @app.cli.group()
    def uploads():
        """Uploaded files (photos, receipts)."""

    @uploads.command("migrate")
    def uploads_migrate():
        """Copy the files in UPLOAD_FOLDER to the bucket (S3_*), then read every object back and
        compare its size and SHA-256. Safe to run again: it copies what is missing, never
        overwrites, and exits with an error while any object differs."""
        from app.core.storage import S3, Disk
        from app.core.upload_migration import migrate

        try:
            bucket = S3(app.config)
        except RuntimeError as error:
            raise click.ClickException(str(error)) from error
        done = migrate(Disk(app.config["UPLOAD_FOLDER"]), bucket)
        click.echo(f"{done.checked} file(s) checked: {done.copied} copied, {done.present} already in the bucket")
        for key in done.mismatched:
            click.echo(f"differs from the file on disk: {key}")
        if done.mismatched:
            raise click.ClickException(
                f"{len(done.mismatched)} object(s) differ from the files on disk; "
                "delete them from the bucket and run this again"
            )

    @app.cli.group()
    def privacy():
        """Personal data (AVG)."""

    @privacy.command("purge")
    @periodic("privacy purge")
    def privacy_purge():
        """Apply the retention periods (RETENTION_*), daily from cron (safe to run twice): delete
        what is no longer needed, warn and erase inactive accounts, pseudonymise old audit
        entries, anonymise financial records past the fiscal period."""
        from app.core.models import utcnow
        from app.privacy.retention import FAILED, purge

        done = purge(utcnow())
        db.session.commit()
        for label, count in done.items():
            click.echo(f"{count} {label}")
        if done[FAILED]:
            raise SystemExit(1)  # the rest is committed; cron reports the run that needs a look
