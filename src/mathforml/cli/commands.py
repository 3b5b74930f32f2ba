"""What each command does: call the course, render the result, return an exit code.

Imported only when a command runs, so ``mathforml --help`` never pays for Rich's
Markdown, SymPy or Hypothesis. Every choice (what is next, which topic, what is recorded)
is the course's (:mod:`mathforml.course`); these functions ask, print and return
:data:`~mathforml.cli.base.EXIT` codes. The ones that keep a conversation going (``watch``,
``practice``, ``review``) live in :mod:`.interactive` and are re-exported here.
"""

from __future__ import annotations

import json
from pathlib import Path

from rich.table import Table
from rich.text import Text

from ..course.catalog import load_catalog
from . import render
from .base import EXIT, output_is_utf8
from .interactive import practice, review, watch
from .render import console

__all__ = ["init", "list_course", "lesson", "concept", "dashboard", "check", "hint", "reset",
           "progress", "watch", "practice", "review"]


def _print_json(data) -> None:
    # Plain print, not Rich: a machine reads this, so no wrapping and no colour codes.
    # On a terminal that is not UTF-8, \u escapes keep the data exact.
    print(json.dumps(data, indent=2, ensure_ascii=not output_is_utf8()))


def _when(moment) -> str | None:
    return None if moment is None else moment.isoformat()


# ---------------------------------------------------------------- the course's shape


def init(state, directory: Path | None = None) -> int:
    from ..course.dashboard import next_step
    from ..course.workspace import default_init_folder, init_workspace, remember_workspace

    catalog = load_catalog()
    result = init_workspace(directory or default_init_folder(), catalog)
    remember_workspace(state.data_dir, result.root)
    console.print(Text.assemble("Workspace: ", (str(result.root), "bold")))
    for name in result.created:
        console.print(Text.assemble("  ", ("created", "green"), f" {name}"))
    if result.kept:
        console.print(f"  kept {len(result.kept)} file(s) you already had, untouched")
    with state.store() as store:
        read = store.lessons_read()
    first = next_step(catalog, read, {}, [])
    if first.kind == "lesson":
        console.print(Text.assemble("Next: read the lesson first, ",
                                    (first.command, "bold"), "."))
    console.print(Text.assemble(
        "Then open ", (str(result.root / "exercises"), "bold"), " in your editor and run ",
        ("mathforml watch", "bold"), ": every save is checked (it finds this workspace "
        "from any folder)."))
    return EXIT["ok"]


def _exercise_statuses(state) -> dict[str, str]:
    """Each exercise's status from the progress store (empty if there is no store yet)."""
    with state.store() as store:
        return {e: p.status for e, p in store.all_exercises().items()}


def list_course(state, as_json: bool) -> int:
    from ..course.practice import topics

    catalog = load_catalog()
    statuses = _exercise_statuses(state)
    practice = topics()
    if as_json:
        _print_json({
            "modules": [
                {"id": m.id, "title": m.title, "summary": m.summary, "lessons": [
                    {"id": lid, "title": catalog.lessons[lid].title,
                     "minutes": catalog.lessons[lid].minutes,
                     "concepts": list(catalog.lessons[lid].concepts),
                     "prerequisites": list(catalog.lessons[lid].prerequisites),
                     "exercises": list(catalog.lessons[lid].exercises),
                     "practice": list(catalog.lessons[lid].practice)}
                    for lid in m.lessons]}
                for m in catalog.modules
            ],
            "exercises": [
                {"id": e.id, "title": e.title, "lesson": e.lesson, "function": e.function,
                 "concepts": list(e.concepts), "file": e.filename, "hints": len(e.hints),
                 "status": statuses.get(e.id, "not_started")}
                for e in (catalog.exercises[i] for i in catalog.exercise_order())
            ],
            "practice": [{"id": t.id, "title": t.title, "concepts": list(t.concepts),
                          "summary": t.summary} for t in practice],
            "concepts": [{"id": c.id, "title": c.title, "requires": list(c.requires),
                          "used_in": list(c.used_in), "lesson": catalog.lesson_of_concept(c.id)}
                         for c in catalog.concepts.values()],
            "algorithms": [{"id": a, "title": title} for a, title in catalog.algorithms.items()],
        })
        return EXIT["ok"]
    for module in catalog.modules:
        console.print(Text(module.title, style="bold underline"))
        for lid in module.lessons:
            lesson = catalog.lessons[lid]
            render.outline_lesson(
                console, lid, lesson.title, minutes=lesson.minutes,
                exercises=tuple((e, statuses.get(e, "not_started")) for e in lesson.exercises),
                practice=lesson.practice)
    console.print("\nPractice topics: " + ", ".join(t.id for t in practice))
    console.print("Concepts and what they lead to: [bold]mathforml concept[/]")
    return EXIT["ok"]


def lesson(state, lesson_id: str) -> int:
    from ..course.lessons import run_lesson

    catalog = load_catalog()
    item = catalog.lesson(lesson_id)
    # The body's own "# Title" heading names the lesson; the rule only when it has none.
    titled = item.body.lstrip().startswith("# ")
    console.rule(Text(f"lesson {item.id}" if titled else item.title, style="bold"))
    console.print(Text(f"{item.module} · about {item.minutes} min · concepts: "
                       f"{', '.join(item.concepts)}\n", style="dim"))
    render.lesson_segments(console, run_lesson(item), state.data_dir / "figures", item.id)
    with state.store() as store:
        store.mark_lesson_read(item.id)
    if item.exercises:
        console.print("Exercises: " + ", ".join(f"[bold]mathforml check {e}[/]"
                                                for e in item.exercises))
    if item.practice:
        console.print("Practice:  " + ", ".join(f"[bold]mathforml practice {t}[/]"
                                                for t in item.practice))
    order = catalog.lesson_order()
    position = order.index(item.id)
    if position + 1 < len(order):
        console.print(f"Next lesson: [bold]mathforml lesson {order[position + 1]}[/]")
    return EXIT["ok"]


def concept(state, target: str | None) -> int:
    from ..course.graph import requirements, uses

    catalog = load_catalog()
    if target is None:
        return _all_concepts(catalog)
    needed = requirements(catalog, target)
    name = (catalog.concepts[target].title if target in catalog.concepts
            else catalog.algorithms[target])
    console.print(Text(name, style="bold"))
    if needed:
        console.print("\nWhat you need first (in order):")
        for cid in needed:
            lesson_id = catalog.lesson_of_concept(cid)
            where = f"  (lesson {lesson_id})" if lesson_id else ""
            console.print(Text.assemble(f"  • {catalog.concepts[cid].title}", (where, "dim")))
    else:
        console.print("\nNothing first: this is where it starts.")
    if target in catalog.concepts:
        used = uses(catalog, target)
        if used.algorithms:
            console.print("\nUsed in: " + ", ".join(catalog.algorithms[a] for a in used.algorithms))
        if used.concepts:
            console.print("Builds toward: " + ", ".join(catalog.concepts[c].title
                                                         for c in used.concepts))
    return EXIT["ok"]


def _all_concepts(catalog) -> int:
    table = Table(title="Concepts", title_justify="left", show_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column("concept")
    table.add_column("lesson", no_wrap=True)
    for cid, item in catalog.concepts.items():
        table.add_row(cid, item.title, catalog.lesson_of_concept(cid) or "")
    console.print(table)
    table = Table(title="Machine learning that uses them", title_justify="left",
                  show_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column("algorithm")
    for aid, title in catalog.algorithms.items():
        table.add_row(aid, title)
    console.print(table)
    console.print("What one needs and where it is used: [bold]mathforml concept ID[/]")
    return EXIT["ok"]


# ---------------------------------------------------------------- the dashboard


def dashboard(state) -> int:
    from ..course.dashboard import build_dashboard

    catalog = load_catalog()
    with state.store() as store:
        board = build_dashboard(catalog, store, has_workspace=state.has_workspace())
    summary = board.summary
    console.print("[bold]mathforml[/] · the Mathematics for Machine Learning\n")
    for _, title, lessons in board.modules:
        console.print(Text(title, style="bold underline"))
        for item in lessons:
            mark = "[green]✓[/]" if item.done else ("[yellow]…[/]" if item.read else "[dim]·[/]")
            render.outline_lesson(console, item.id, item.title, mark=mark,
                                  exercises=item.exercises)
    practice = (f"{summary.practice_correct}/{summary.practice_attempts} right"
                if summary.practice_attempts else "none yet")
    console.print(
        f"\nExercises passed {summary.exercises_passed}/{len(catalog.exercises)} · "
        f"lessons read {summary.lessons_read}/{len(catalog.lessons)} · practice "
        f"{practice} · reviews due [bold]{summary.reviews_due}[/] · "
        f"streak {summary.streak_days} day(s)")
    console.print(Text.assemble("\n", ("Next: ", "bold"), board.next.reason, "\n  → ",
                                (board.next.command, "bold cyan")))
    if board.next.kind == "exercise":
        console.print("  (or [bold]mathforml watch[/] to re-check on every save)")
    return EXIT["ok"]


# ---------------------------------------------------------------- exercises


def check(state, exercise: str | None, as_json: bool, seed: int) -> int:
    from ..course.checking import check_exercise, next_exercise

    catalog = load_catalog()
    if exercise is not None:
        catalog.exercise(exercise)  # an unknown id says so before anything else
    workspace = state.workspace()
    with state.store() as store:
        exercise = exercise or next_exercise(catalog, store)
        if exercise is None:
            if as_json:
                _print_json({"exercise": None, "passed": True, "all_passed": True})
            else:
                console.print("[green]Every exercise passes.[/] Keep it fresh: "
                              "[bold]mathforml review[/], [bold]mathforml practice[/].")
            return EXIT["ok"]
        result = check_exercise(catalog, store, workspace, exercise, seed=seed)
        following = next_exercise(catalog, store) if result.report.passed else None
    if as_json:
        _print_json({"exercise": exercise, **result.report.to_dict(),
                     "first_pass": result.first_pass, "recorded": result.recorded,
                     "restored": result.restored, "next": following, "all_passed":
                     result.report.passed and following is None})
    else:
        render.report(console, result, following)
    return EXIT["ok"] if result.report.passed else EXIT["failed"]


def hint(state, exercise: str) -> int:
    catalog = load_catalog()
    info = catalog.exercise(exercise)
    with state.store() as store:
        before = store.hints_shown(exercise)
        shown = store.take_hint(exercise, limit=len(info.hints))
    for number, text in enumerate(info.hints[:shown], start=1):
        style = "bold" if number == shown and shown > before else "dim"
        console.print(Text(f"Hint {number}/{len(info.hints)}:", style=style))
        console.print(render.markdown(text))
    if shown == before:
        console.print(Text.assemble(
            ("That was the last hint. The lesson (", "dim"),
            (f"mathforml lesson {info.lesson}", "bold"), (") has the full idea.", "dim")))
    return EXIT["ok"]


def _confirm(question: str) -> bool:
    """Ask a yes/no question; no unless the learner types y or yes (Ctrl-D is no)."""
    try:
        answer = console.input(Text.assemble(question, " [y/N]: "))
    except EOFError:
        console.print()
        return False
    return answer.strip().lower() in {"y", "yes"}


def reset(state, exercise: str, yes: bool) -> int:
    from ..course.workspace import exercise_path, reset_exercise_file

    catalog = load_catalog()
    catalog.exercise(exercise)
    workspace = state.workspace()
    path = exercise_path(workspace, catalog, exercise)
    there = path.exists() or path.is_symlink()
    question = (f"Put {path} back to its starting stub? (your current file is kept in "
                f"{workspace / '.history'})" if there else f"Create {path} from its stub?")
    if not yes and not _confirm(question):
        console.print("Nothing changed.")
        return EXIT["ok"]
    kept = reset_exercise_file(workspace, catalog, exercise)
    with state.store() as store:
        store.reset_exercise(exercise)
    console.print(Text(f"{path} is back to its stub; hints start again."))
    if kept is not None:
        console.print(Text(f"Your previous file is kept at {kept}"))
    return EXIT["ok"]


def progress(state, as_json: bool, recover: bool = False) -> int:
    from ..course.dashboard import next_step
    from ..course.practice import topics

    if recover:
        from ..course.progress import recover as recover_store

        console.print(Text(recover_store(state.data_dir).message))
        return EXIT["ok"]
    catalog = load_catalog()
    with state.store() as store:
        exercises = store.all_exercises()
        practice_stats = {t.id: store.practice_stats(t.id) for t in topics()}
        summary = store.stats()
        due = store.due_reviews()
        read = store.lessons_read()
    rows = [(e, exercises.get(e)) for e in catalog.exercise_order()]
    if as_json:
        statuses = {e: p.status for e, p in exercises.items()}
        step = next_step(catalog, read, statuses, [r.concept_id for r in due],
                         has_workspace=state.has_workspace())
        _print_json({
            "lessons_read": sorted(read),
            "lessons_total": len(catalog.lessons),
            "exercises": {e: {"status": p.status if p else "not_started",
                              "attempts": p.attempts if p else 0,
                              "hints_shown": p.hints_shown if p else 0,
                              "passed_at": _when(p.passed_at) if p else None,
                              "last_checked_at": _when(p.last_checked_at) if p else None,
                              "last_status": p.last_status if p else None}
                          for e, p in rows},
            "practice": {t: {"attempts": s.attempts, "correct": s.correct, "streak": s.streak}
                         for t, s in practice_stats.items()},
            "reviews_due": [r.concept_id for r in due],
            "reviews": [{"concept": r.concept_id, "due": _when(r.due),
                         "recall": round(r.retrievability, 4)} for r in due],
            "concepts_reviewable": summary.concepts_reviewable,
            "streak_days": summary.streak_days,
            "last_active": _when(summary.last_active),
            "next": {"kind": step.kind, "target": step.target, "command": step.command,
                     "reason": step.reason},
        })
        return EXIT["ok"]
    table = Table(title="Exercises", title_justify="left", show_edge=False)
    table.add_column("", width=1, no_wrap=True)
    table.add_column("exercise", no_wrap=True)
    for column in ("attempts", "hints", "passed on"):
        table.add_column(column)
    for exercise_id, entry in rows:
        status = entry.status if entry else "not_started"
        when = entry.passed_at.astimezone().strftime("%Y-%m-%d") if (
            entry and entry.passed_at) else ""
        table.add_row(render.status_mark(status), exercise_id,
                      str(entry.attempts if entry else 0),
                      str(entry.hints_shown if entry else 0), when)
    console.print(table)
    practised = {t: s for t, s in practice_stats.items() if s.attempts}
    if practised:
        table = Table(title="Practice", title_justify="left", show_edge=False)
        table.add_column("topic", no_wrap=True)
        for column in ("right", "tried", "streak"):
            table.add_column(column)
        for topic_id, stats in practised.items():
            table.add_row(topic_id, str(stats.correct), str(stats.attempts), str(stats.streak))
        console.print(table)
    else:
        console.print("No practice yet: [bold]mathforml practice[/] when you are ready.")
    console.print(f"Lessons read: {len(read)}/{len(catalog.lessons)} · reviews due now: "
                  f"{len(due)} · active {summary.streak_days} day(s) in a row")
    return EXIT["ok"]
