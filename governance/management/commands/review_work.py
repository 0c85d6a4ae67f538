from django.core.management.base import BaseCommand
from django.utils import timezone

from governance import selectors
from nutrients.editors import REVIEW_INTERVAL


class Command(BaseCommand):
    help = (
        "Print the clinical review work, as admin's dashboard lists it: changes waiting for a reviewer "
        "(longest first), pages past their next review date, and new reports from readers. For a cron email."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        pending = selectors.pending_by_age()
        self.section(f"Changes waiting for clinical review: {len(pending)}")
        for change in pending:
            days = (now - change.created_at).days
            self.stdout.write(f"  {days} days  {change.subject}: {change.summary or '(no summary yet)'}")
        overdue = selectors.overdue_pages(today=timezone.localdate())
        self.section(f"Pages past their next review date: {len(overdue)}")
        for page in overdue:
            due = f"due {page.reviewed_on + REVIEW_INTERVAL:%Y-%m-%d}" if page.reviewed_on else "never reviewed"
            self.stdout.write(f"  {due}  {page._meta.verbose_name}: {page}")
        reports = selectors.new_reports()
        self.section(f"New reports from readers: {len(reports)}")
        for report in reports:
            self.stdout.write(f"  {report.created_at:%Y-%m-%d}  {report.page}: {report.message[:80]}")

    def section(self, title):
        self.stdout.write(self.style.MIGRATE_HEADING(title))
