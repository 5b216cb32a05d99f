"""Simulate the phone system: a call rings at a hotline, so the desk's incoming panel lights up.

    shiliu hotline_ring --caller 057486881234
    shiliu hotline_ring --caller 13812345678 --place 330206003 --then answered --operator operator
"""

import uuid

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from shiliu.hotline.choices import CallEventKind
from shiliu.hotline.services import call_event
from shiliu.places.models import Place

SOURCE = "simulator"


class Command(BaseCommand):
    help = "Ring a simulated call at a hotline (as the phone system would report it)."

    def add_arguments(self, parser):
        parser.add_argument("--caller", default="", help="The caller's number; leave out for a hidden number")
        parser.add_argument("--place", default="330206003", help="Code of the hotline's place (default: 大碶街道)")
        parser.add_argument("--then", choices=[CallEventKind.ANSWERED, CallEventKind.ENDED], default=None,
                            help="Also report this event right after the ringing")
        parser.add_argument("--operator", default="", help="Username that answers (with --then answered)")
        parser.add_argument("--call-id", default="", help="The phone system's id of the call (default: random)")

    def handle(self, *args, caller, place, then, operator, call_id, **options):
        hotline = Place.objects.filter(code=place).first()
        if hotline is None:
            raise CommandError(f"No place has the code {place}.")
        call_id = call_id or f"sim-{uuid.uuid4().hex[:12]}"
        try:
            call, _changed = call_event(by=None, event=CallEventKind.RINGING, call_id=call_id, caller=caller,
                                        place=hotline, source=SOURCE)
            if then:
                call, _changed = call_event(by=None, event=then, call_id=call_id, caller=caller, place=hotline,
                                            source=SOURCE, operator=operator)
        except ValidationError as e:
            raise CommandError("; ".join(e.messages)) from None
        number = "hidden number" if call.hidden_number else "the number given"
        self.stdout.write(f"Call #{call.pk} ({call_id}) from {number} is {call.state} at {hotline.code}.")
