"""Two people, one note, the same moment: an edit and a signature (or two edits) made on the
same version cannot both win. Runs on SQLite and, in CI, on PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection
from django.utils import timezone

from runcare.web.accounts.models import User
from runcare.web.care.models import NoteLockedError, SessionNote
from runcare.web.care.services import StaleNoteError, sign_note, update_note
from tests.web.care_helpers import note_for
from tests.web.conftest import Personas

pytestmark = pytest.mark.django_db(transaction=True)

Attempt = Callable[[SessionNote, User], None]


def edit(text: str) -> Attempt:
    return lambda note, by: update_note(note, by, 1, {"subjective": text}, timezone.now())


def sign(note: SessionNote, by: User) -> None:
    sign_note(note, by, 1, timezone.now())


def race(note: SessionNote, by: User, attempts: list[Attempt]) -> list[str]:
    start = threading.Barrier(len(attempts))
    outcomes: list[str] = []

    def run(attempt: Attempt) -> None:
        try:
            start.wait()
            attempt(SessionNote.objects.get(pk=note.pk), by)
            outcomes.append("won")
        except (StaleNoteError, NoteLockedError) as error:
            outcomes.append(type(error).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(a,)) for a in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return sorted(outcomes)


@pytest.mark.parametrize("rounds", range(3))
def test_it_lets_one_of_an_edit_and_a_signature_win(personas: Personas, rounds: int) -> None:
    note = note_for(personas.runner)
    outcomes = race(note, personas.therapist, [edit("Late edit."), sign])
    assert outcomes[1] == "won"
    assert outcomes[0] in {"StaleNoteError", "NoteLockedError"}
    note.refresh_from_db()
    # Either the edit won (and the note is unsigned) or the signature did (and the text
    # is the one that was read and signed): never a signed note with an unread edit.
    assert (note.signed_at is None) == (note.subjective == "Late edit.")
    assert rounds >= 0


def test_it_lets_one_of_two_edits_win(personas: Personas) -> None:
    note = note_for(personas.runner)
    outcomes = race(note, personas.therapist, [edit("Mine."), edit("Yours.")])
    assert outcomes == ["StaleNoteError", "won"]
    note.refresh_from_db()
    assert note.version == 2
    assert note.subjective in {"Mine.", "Yours."}
