"""The commands that keep talking with the learner: ``watch`` (a check on every save),
``practice`` and ``review`` (a question, an answer, the next question).

Each ends cleanly on its own stop (Ctrl-C for watch; an empty answer, q or Ctrl-D for the
others); Ctrl-C in practice or review still prints the session's summary, since every
answer is saved as it is given.
"""

from __future__ import annotations

from rich.markup import escape
from rich.text import Text

from ..course.catalog import load_catalog
from . import render
from .base import EXIT
from .render import console

__all__ = ["watch", "practice", "review"]


def _check_saved(catalog, store, workspace, exercise_id):
    """One check in ``watch``: a problem with the path is printed, never ends the watch."""
    from ..course.checking import check_exercise
    from ..errors import WorkspaceError

    try:
        return check_exercise(catalog, store, workspace, exercise_id)
    except WorkspaceError as error:
        console.print(Text(f"✗ {error}", style="red"))
        return None


def watch(state, exercise: str | None = None) -> int:
    from watchfiles import Change, PythonFilter
    from watchfiles import watch as watch_changes

    from ..course.checking import next_exercise
    from ..course.workspace import exercise_of

    catalog = load_catalog()
    if exercise is not None:
        catalog.exercise(exercise)
    workspace = state.workspace()
    folder = workspace / "exercises"
    if not folder.is_dir():
        from ..errors import WorkspaceError

        raise WorkspaceError(f"{folder} is missing; `mathforml init {workspace}` puts the "
                             "exercise files back (it never overwrites one)")
    order = catalog.exercise_order()
    with state.store() as store:
        current = exercise or next_exercise(catalog, store)
        if current is None:
            console.print("[green]Every exercise passes.[/] Nothing to watch; "
                          "[bold]mathforml watch EXERCISE[/] to work on one again.")
            return EXIT["ok"]
        console.print(Text.assemble("Watching ", (str(folder), "bold"),
                                    " (Ctrl-C to stop). Save an exercise file to check it."))
        result = _check_saved(catalog, store, workspace, current)
        if result is not None:
            if result.report.status != "not_implemented":  # that report shows the task
                render.statement(console, catalog.exercise(current), workspace)
            following = next_exercise(catalog, store) if result.report.passed else None
            render.report(console, result, following, watching=True)
        try:
            for changes in watch_changes(folder, watch_filter=PythonFilter(), debounce=100,
                                         step=50, raise_interrupt=True):
                # A deletion is not a save (editors may delete and rewrite, and then the
                # rewrite is the save): only files that are there are checked.
                saved = {exercise_of(workspace, catalog, path) for change, path in changes
                         if change != Change.deleted} - {None}
                unfinished = next_exercise(catalog, store)
                for exercise_id in sorted(saved, key=order.index):
                    console.rule(Text(exercise_id, style="dim"))
                    result = _check_saved(catalog, store, workspace, exercise_id)
                    if result is None:
                        continue
                    following = next_exercise(catalog, store) if result.report.passed else None
                    render.report(console, result, following, watching=True)
                    if result.report.passed and following and following != exercise_id:
                        render.statement(console, catalog.exercise(following), workspace)
                if saved and unfinished is not None and next_exercise(catalog, store) is None:
                    console.print("[bold green]Every exercise passes. Well done![/]")
                    return EXIT["ok"]
        except KeyboardInterrupt:
            pass
    console.print("Stopped watching.")
    return EXIT["ok"]


def _ask(prompt: str) -> str | None:
    """One line from the learner; None when they are done (empty line, q, Ctrl-D)."""
    try:
        text = console.input(prompt)
    except EOFError:
        console.print()
        return None
    text = text.strip()
    return None if text.lower() in {"", "q", "quit", "exit"} else text


def _practice_one(store, problem, concepts) -> bool | None:
    """Pose one problem until answered; True/False for right/wrong, None if the learner quit."""
    from ..course.practice import check_answer

    render.problem(console, problem)
    while True:
        text = _ask("[bold]answer>[/] ")
        if text is None:
            return None
        if text == "?":
            render.solution(console, problem)
            store.record_practice(problem.topic, problem.seed, "?", False, concepts=concepts)
            return False
        verdict = check_answer(problem, text)
        if verdict.retry:  # unreadable or the wrong kind of answer: not counted, try again
            console.print(Text(verdict.message, style="yellow"))
            continue
        store.record_practice(problem.topic, problem.seed, text, verdict.correct,
                              concepts=concepts)
        if verdict.correct:
            console.print(Text(f"✓ {verdict.message}", style="green"))
            return True
        console.print(Text(f"✗ {verdict.message}", style="red"))
        render.solution(console, problem)
        return False


def practice(state, topic: str | None, seed: int | None = None) -> int:
    from ..course.dashboard import fresh_seed, practice_topic
    from ..course.ids import unknown
    from ..course.practice import generate, topics

    catalog = load_catalog()
    by_id = {t.id: t for t in topics()}
    if topic is not None and topic not in by_id:
        raise unknown("practice topic", topic, by_id)
    right = wrong = 0
    code = EXIT["ok"]
    with state.store() as store:
        topic = topic or practice_topic(catalog, store)
        console.print(f"Practice: [bold]{escape(by_id[topic].title)}[/]. Type your answer; "
                      "[bold]?[/] shows the worked solution (and counts as not known); "
                      "an empty line, q or Ctrl-D stops.\n")
        try:
            while True:
                if seed is None:
                    problem = generate(topic, fresh_seed(store, topic))
                else:
                    problem, seed = generate(topic, seed), seed + 1
                outcome = _practice_one(store, problem, by_id[topic].concepts)
                if outcome is None:
                    break
                right, wrong = right + outcome, wrong + (not outcome)
                console.print()
        except KeyboardInterrupt:  # every answer is already saved: end with the summary
            console.print()
            code = EXIT["interrupted"]
        stats = store.practice_stats(topic)
    console.print(f"This session: {right} right, {wrong} wrong. {escape(by_id[topic].title)}: "
                  f"{stats.correct}/{stats.attempts} right overall, streak {stats.streak}.")
    return code


_RATINGS = ("again", "hard", "good", "easy")


def _self_rating() -> str | None:
    """Ask how well a concept is remembered until the answer is a rating (None: stop)."""
    while True:
        answer = _ask(f"How well do you remember it? {' / '.join(_RATINGS)}: ")
        if answer is None or answer.lower() in _RATINGS:
            return None if answer is None else answer.lower()
        console.print(Text(f"Type one of: {', '.join(_RATINGS)}.", style="yellow"))


def review(state) -> int:
    from ..course.dashboard import fresh_seed, review_topic
    from ..course.practice import generate

    catalog = load_catalog()
    done = 0
    code = EXIT["ok"]
    with state.store() as store:
        due = store.due_reviews()
        if not due:
            console.print("No reviews due. Come back tomorrow, or "
                          "[bold]mathforml practice[/] now.")
            return EXIT["ok"]
        console.print(f"{len(due)} concept(s) to review. An empty line stops.\n")
        try:
            for item in due:
                title = catalog.concepts[item.concept_id].title if (
                    item.concept_id in catalog.concepts) else item.concept_id
                console.rule(Text.assemble((title, "bold"), (
                    f" (recall ≈ {item.retrievability:.0%})", "dim")))
                topic = review_topic(item.concept_id)
                if topic is not None:
                    problem = generate(topic, fresh_seed(store, topic))
                    if _practice_one(store, problem, (item.concept_id,)) is None:
                        break
                else:
                    rating = _self_rating()
                    if rating is None:
                        break
                    store.review(item.concept_id, rating)
                done += 1
                console.print()
        except KeyboardInterrupt:  # each review is saved as it is done
            console.print()
            code = EXIT["interrupted"]
    console.print(f"Reviewed {done} of {len(due)}.")
    return code


