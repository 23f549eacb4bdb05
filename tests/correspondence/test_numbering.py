"""Reference numbers: the configured pattern, a sequence per year and direction, and no duplicates when
registrations happen at the same moment (real concurrent transactions, each on its own connection)."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from intl.correspondence import numbering
from intl.correspondence.models import ReferenceCounter


def test_two_letters_in_one_year_take_consecutive_numbers(make_letter):
    first = make_letter("incoming", registered_on=date(2026, 3, 1))
    second = make_letter("incoming", registered_on=date(2026, 12, 31))
    outgoing = make_letter("outgoing", registered_on=date(2026, 5, 1))
    next_year = make_letter("incoming", registered_on=date(2027, 1, 2))
    assert first.reference_no == "KCG-INT-115-IN-0001"
    assert second.reference_no == "KCG-INT-115-IN-0002"
    assert (second.reference_year, second.reference_seq) == (2026, 2)
    assert outgoing.reference_no == "KCG-INT-115-OUT-0001"  # each direction counts on its own
    assert next_year.reference_no == "KCG-INT-116-IN-0001"  # and starts again each year


def test_the_pattern_is_configurable(app, make_letter):
    saved = dict(app.config)
    app.config["LETTER_REFERENCE_PATTERN"] = {
        "incoming": "收{roc_year}字第{seq:05d}號",
        "outgoing": "{year}/OUT/{seq}",
    }
    try:
        assert make_letter("incoming", registered_on=date(2026, 1, 5)).reference_no == "收115字第00001號"
        assert make_letter("outgoing", registered_on=date(2026, 1, 5)).reference_no == "2026/OUT/1"
        app.config["LETTER_REFERENCE_PATTERN"] = "INT-{year}-{seq:03d}"
        with pytest.raises(RuntimeError):  # one pattern without {dir} would give both directions one number
            numbering.format_reference("incoming", 2026, 3)
    finally:
        app.config.clear()
        app.config.update(saved)


def _separate_engine(app, tmp_path):
    """An engine outside the test's rolled-back transaction, on a database of its own."""
    if app.config["BACKEND"] == "sqlite":
        engine = create_engine(f"sqlite:///{tmp_path / 'counter.sqlite3'}", connect_args={"timeout": 30})
    else:
        from tests.conftest import fresh_postgres_schema, postgres_url, worker_id

        # One schema per test process: two tests here use it, and on two workers at once one dropped the
        # schema the other was creating its table in.
        options = fresh_postgres_schema(f"intl_counter_test_{worker_id()}")
        engine = create_engine(postgres_url(), **options)
    ReferenceCounter.__table__.create(engine)
    return engine


def test_concurrent_registrations_never_share_a_number(app, tmp_path):
    engine = _separate_engine(app, tmp_path)
    taken: list[int] = []
    errors: list[Exception] = []
    start = threading.Barrier(4)

    def register(count: int):
        start.wait()
        for _ in range(count):
            try:
                with app.app_context(), Session(engine) as session, session.begin():
                    taken.append(numbering.next_sequence(session, "incoming", 2026))
            except Exception as error:  # pragma: no cover - reported below
                errors.append(error)

    threads = [threading.Thread(target=register, args=(15,)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    try:
        assert errors == []
        assert sorted(taken) == list(range(1, 61))  # sixty registrations, sixty different numbers, no gap
        with engine.connect() as connection:
            assert (
                connection.execute(text("SELECT last_seq FROM letter_reference_counter")).scalar_one() == 60
            )
    finally:
        engine.dispose()


def test_a_number_given_out_in_a_rolled_back_transaction_is_given_again(app, tmp_path):
    engine = _separate_engine(app, tmp_path)
    try:
        with app.app_context():
            with Session(engine) as session, session.begin():
                assert numbering.next_sequence(session, "outgoing", 2026) == 1
            session = Session(engine)
            session.begin()
            assert numbering.next_sequence(session, "outgoing", 2026) == 2
            session.rollback()  # the letter was not saved: its number is not used up
            session.close()
            with Session(engine) as session, session.begin():
                assert numbering.next_sequence(session, "outgoing", 2026) == 2
    finally:
        engine.dispose()
