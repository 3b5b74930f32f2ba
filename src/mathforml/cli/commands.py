"""What each command does: call the course, render the result, return an exit code.

Imported only when a command runs, so ``mathforml --help`` never pays for Rich's
Markdown, SymPy or Hypothesis.
"""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..course.catalog import load_catalog
from . import render
from .app import EXIT

console = Console(highlight=False)


def _print_json(data) -> None:
    # Plain print, not Rich: a machine reads this, so no wrapping and no colour codes.
    print(json.dumps(data, indent=2, ensure_ascii=False))


# ---------------------------------------------------------------- the course's shape


def init(state, directory: Path) -> int:
    from ..course.workspace import init_workspace, remember_workspace

    result = init_workspace(directory, load_catalog())
    remember_workspace(state.data_dir, result.root)
    console.print(f"Workspace: [bold]{result.root}[/]")
    for name in result.created:
        console.print(f"  [green]created[/] {name}")
    if result.kept:
        console.print(f"  kept {len(result.kept)} file(s) you already had, untouched")
    console.print("Next: open [bold]exercises/[/] in your editor, then run "
                  "[bold]mathforml watch[/] in this folder.")
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
                {"id": m.id, "title": m.title, "lessons": [
                    {"id": lid, "title": catalog.lessons[lid].title,
                     "minutes": catalog.lessons[lid].minutes,
                     "exercises": list(catalog.lessons[lid].exercises),
                     "practice": list(catalog.lessons[lid].practice)}
                    for lid in m.lessons]}
                for m in catalog.modules
            ],
            "exercises": [
                {"id": e.id, "title": e.title, "lesson": e.lesson, "function": e.function,
                 "file": e.filename, "status": statuses.get(e.id, "not_started")}
                for e in (catalog.exercises[i] for i in catalog.exercise_order())
            ],
            "practice": [{"id": t.id, "title": t.title, "concepts": list(t.concepts)}
                         for t in practice],
        })
        return EXIT["ok"]
    for module in catalog.modules:
        table = Table(title=f"{module.title}", title_justify="left", show_edge=False)
        table.add_column("lesson")
        table.add_column("minutes", justify="right")
        table.add_column("exercises")
        table.add_column("practice")
        for lid in module.lessons:
            lesson = catalog.lessons[lid]
            exercises = " ".join(
                f"{render.status_mark(statuses.get(e, 'not_started'))} {e}"
                for e in lesson.exercises
            )
            table.add_row(f"[bold]{lid}[/]\n{lesson.title}", str(lesson.minutes), exercises,
                          " ".join(lesson.practice))
        console.print(table)
    console.print("\nPractice topics: " + ", ".join(t.id for t in practice))
    return EXIT["ok"]


def lesson(state, lesson_id: str) -> int:
    from ..course.lessons import run_lesson

    catalog = load_catalog()
    item = catalog.lesson(lesson_id)
    console.rule(f"[bold]{item.title}[/]")
    console.print(f"[dim]{item.module} · about {item.minutes} min · concepts: "
                  f"{', '.join(item.concepts)}[/]\n")
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


def concept(state, target: str) -> int:
    from ..course.graph import requirements, uses

    catalog = load_catalog()
    needed = requirements(catalog, target)
    name = (catalog.concepts[target].title if target in catalog.concepts
            else catalog.algorithms[target])
    console.print(f"[bold]{name}[/]")
    if needed:
        console.print("\nWhat you need first (in order):")
        for cid in needed:
            lesson_id = catalog.lesson_of_concept(cid)
            where = f"  [dim](lesson {lesson_id})[/]" if lesson_id else ""
            console.print(f"  • {catalog.concepts[cid].title}{where}")
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


# ---------------------------------------------------------------- the dashboard


def dashboard(state) -> int:
    from ..course.dashboard import build_dashboard

    catalog = load_catalog()
    with state.store() as store:
        board = build_dashboard(catalog, store)
    summary = board.summary
    console.print("[bold]mathforml[/] · the Mathematics for Machine Learning\n")
    for _, title, lessons in board.modules:
        table = Table(title=title, title_justify="left", show_edge=False, show_header=False)
        table.add_column("mark", width=2)
        table.add_column("lesson")
        table.add_column("exercises")
        for item in lessons:
            mark = "[green]✓[/]" if item.done else ("[yellow]…[/]" if item.read else "[dim]·[/]")
            exercises = "  ".join(f"{render.status_mark(s)} {e}" for e, s in item.exercises)
            table.add_row(mark, f"{item.id} [dim]{item.title}[/]", exercises)
        console.print(table)
    console.print(
        f"\nExercises passed {summary.exercises_passed}/{len(catalog.exercises)} · "
        f"lessons read {summary.lessons_read}/{len(catalog.lessons)} · practice "
        f"{summary.practice_correct}/{summary.practice_attempts} right · "
        f"reviews due [bold]{summary.reviews_due}[/] · streak {summary.streak_days} day(s)")
    console.print(f"\n[bold]Next:[/] {board.next.reason}\n  → [bold cyan]{board.next.command}[/]")
    if board.next.kind == "exercise":
        console.print("  (or [bold]mathforml watch[/] to re-check on every save)")
    return EXIT["ok"]


# ---------------------------------------------------------------- exercises


def check(state, exercise: str | None, as_json: bool, seed: int) -> int:
    from ..course.checking import check_exercise, next_exercise

    catalog = load_catalog()
    workspace = state.workspace()
    with state.store() as store:
        exercise = exercise or next_exercise(catalog, store)
        if exercise is None:
            console.print("[green]Every exercise passes.[/] Keep it fresh: "
                          "[bold]mathforml review[/], [bold]mathforml practice[/].")
            return EXIT["ok"]
        result = check_exercise(catalog, store, workspace, exercise, seed=seed)
        following = next_exercise(catalog, store) if result.report.passed else None
    if as_json:
        _print_json({"exercise": exercise, **result.report.to_dict(),
                     "first_pass": result.first_pass, "restored": result.restored})
    else:
        render.report(console, result, following)
    return EXIT["ok"] if result.report.passed else EXIT["failed"]


def watch(state) -> int:
    from watchfiles import PythonFilter
    from watchfiles import watch as watch_changes

    from ..course.checking import check_exercise, next_exercise

    catalog = load_catalog()
    workspace = state.workspace()
    by_file = {(workspace / e.filename).resolve(): e.id for e in catalog.exercises.values()}
    with state.store() as store:
        current = next_exercise(catalog, store)
        if current is None:
            console.print("[green]Every exercise passes.[/] Nothing to watch.")
            return EXIT["ok"]
        console.print(f"Watching [bold]{workspace / 'exercises'}[/] (Ctrl-C to stop).")
        render.statement(console, catalog.exercise(current), workspace)
        render.report(console, check_exercise(catalog, store, workspace, current), None)
        try:
            for changes in watch_changes(workspace / "exercises", watch_filter=PythonFilter(),
                                         debounce=100, step=50, raise_interrupt=False):
                saved = {by_file.get(Path(path).resolve()) for _, path in changes} - {None}
                for exercise_id in sorted(saved, key=catalog.exercise_order().index):
                    console.rule(f"[dim]{exercise_id}[/]")
                    result = check_exercise(catalog, store, workspace, exercise_id)
                    following = next_exercise(catalog, store) if result.report.passed else None
                    render.report(console, result, following)
                    if result.report.passed and following and following != exercise_id:
                        render.statement(console, catalog.exercise(following), workspace)
                if next_exercise(catalog, store) is None:
                    console.print("[bold green]Every exercise passes. Well done![/]")
                    return EXIT["ok"]
        except KeyboardInterrupt:
            pass
    console.print("Stopped watching.")
    return EXIT["ok"]


def hint(state, exercise: str) -> int:
    catalog = load_catalog()
    info = catalog.exercise(exercise)
    with state.store() as store:
        before = store.hints_shown(exercise)
        shown = store.take_hint(exercise, limit=len(info.hints))
    for number, text in enumerate(info.hints[:shown], start=1):
        style = "bold" if number == shown and shown > before else "dim"
        console.print(f"[{style}]Hint {number}/{len(info.hints)}:[/] ", end="")
        console.print(render.markdown(text))
    if shown == before:
        console.print("[dim]That was the last hint. The lesson "
                      f"([bold]mathforml lesson {info.lesson}[/]) has the full idea.[/]")
    return EXIT["ok"]


def reset(state, exercise: str, yes: bool) -> int:
    import typer

    from ..course.workspace import exercise_path, reset_exercise_file

    catalog = load_catalog()
    catalog.exercise(exercise)
    workspace = state.workspace()
    path = exercise_path(workspace, catalog, exercise)
    if not yes and not typer.confirm(
        f"Put {path} back to its starting stub? (your current file is kept in .history)"
    ):
        console.print("Nothing changed.")
        return EXIT["ok"]
    kept = reset_exercise_file(workspace, catalog, exercise)
    with state.store() as store:
        store.reset_exercise(exercise)
    console.print(f"{path} is back to its stub; hints start again.")
    if kept is not None:
        console.print(f"Your previous file is kept at {kept}")
    return EXIT["ok"]


# ---------------------------------------------------------------- practice and reviews


def _ask(prompt: str) -> str | None:
    """One line from the learner; None when they are done (empty line, q, Ctrl-D)."""
    try:
        text = console.input(prompt)
    except EOFError:
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
            console.print(f"[yellow]{escape(verdict.message)}[/]")
            continue
        store.record_practice(problem.topic, problem.seed, text, verdict.correct,
                              concepts=concepts)
        if verdict.correct:
            console.print(f"[green]✓ {escape(verdict.message)}[/]")
            return True
        console.print(f"[red]✗ {escape(verdict.message)}[/]")
        render.solution(console, problem)
        return False


def _fresh_seed(store, topic_id: str) -> int:
    import secrets

    seen = store.practice_seeds_seen(topic_id)
    while (seed := secrets.randbelow(2**31)) in seen:
        pass
    return seed


def _default_topic(catalog, store) -> str:
    """A topic of the lessons read so far, the least practised first."""
    from ..course.practice import topics

    read = store.lessons_read()
    offered = [t for lid in catalog.lesson_order() if lid in read
               for t in catalog.lessons[lid].practice]
    known = {t.id for t in topics()}
    offered = [t for t in offered if t in known] or [t.id for t in topics()][:1]
    return min(offered, key=lambda t: store.practice_stats(t).attempts)


def practice(state, topic: str | None, seed: int | None = None) -> int:
    from ..course.ids import unknown
    from ..course.practice import generate, topics

    catalog = load_catalog()
    by_id = {t.id: t for t in topics()}
    if topic is not None and topic not in by_id:
        raise unknown("practice topic", topic, by_id)
    right = wrong = 0
    with state.store() as store:
        topic = topic or _default_topic(catalog, store)
        console.print(f"Practice: [bold]{by_id[topic].title}[/]. Type your answer; "
                      "[bold]?[/] shows the worked solution; an empty line stops.\n")
        while True:
            if seed is None:
                problem = generate(topic, _fresh_seed(store, topic))
            else:
                problem, seed = generate(topic, seed), seed + 1
            outcome = _practice_one(store, problem, by_id[topic].concepts)
            if outcome is None:
                break
            right, wrong = right + outcome, wrong + (not outcome)
            console.print()
        stats = store.practice_stats(topic)
    console.print(f"This session: {right} right, {wrong} wrong. {by_id[topic].title}: "
                  f"{stats.correct}/{stats.attempts} right overall, streak {stats.streak}.")
    return EXIT["ok"]


def review(state) -> int:
    from ..course.practice import generate, topics

    catalog = load_catalog()
    topic_for = {}
    for topic in topics():
        for concept_id in topic.concepts:
            topic_for.setdefault(concept_id, topic.id)
    done = 0
    with state.store() as store:
        due = store.due_reviews()
        if not due:
            console.print("No reviews due. Come back tomorrow, or "
                          "[bold]mathforml practice[/] now.")
            return EXIT["ok"]
        console.print(f"{len(due)} concept(s) to review. An empty line stops.\n")
        for item in due:
            title = catalog.concepts[item.concept_id].title if (
                item.concept_id in catalog.concepts) else item.concept_id
            console.rule(f"[bold]{title}[/] [dim](recall ≈ {item.retrievability:.0%})[/]")
            if item.concept_id in topic_for:
                topic = topic_for[item.concept_id]
                problem = generate(topic, _fresh_seed(store, topic))
                if _practice_one(store, problem, (item.concept_id,)) is None:
                    break
            else:
                answer = _ask("How well do you remember it? again / hard / good / easy: ")
                if answer is None:
                    break
                store.review(item.concept_id, answer)
            done += 1
    console.print(f"Reviewed {done} of {len(due)}.")
    return EXIT["ok"]


def progress(state, as_json: bool, recover: bool = False) -> int:
    from ..course.practice import topics

    if recover:
        from ..course.progress import recover as recover_store

        console.print(escape(recover_store(state.data_dir).message))
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
        _print_json({
            "lessons_read": sorted(read),
            "exercises": {e: {"status": p.status if p else "not_started",
                              "attempts": p.attempts if p else 0,
                              "hints_shown": p.hints_shown if p else 0} for e, p in rows},
            "practice": {t: {"attempts": s.attempts, "correct": s.correct, "streak": s.streak}
                         for t, s in practice_stats.items()},
            "reviews_due": [r.concept_id for r in due],
            "streak_days": summary.streak_days,
        })
        return EXIT["ok"]
    table = Table(title="Exercises", title_justify="left", show_edge=False)
    for column in ("", "exercise", "attempts", "hints", "passed on"):
        table.add_column(column)
    for exercise_id, entry in rows:
        status = entry.status if entry else "not_started"
        when = entry.passed_at.strftime("%Y-%m-%d") if entry and entry.passed_at else ""
        table.add_row(render.status_mark(status), exercise_id,
                      str(entry.attempts if entry else 0),
                      str(entry.hints_shown if entry else 0), when)
    console.print(table)
    practised = {t: s for t, s in practice_stats.items() if s.attempts}
    if practised:
        table = Table(title="Practice", title_justify="left", show_edge=False)
        for column in ("topic", "right", "tried", "streak"):
            table.add_column(column)
        for topic_id, stats in practised.items():
            table.add_row(topic_id, str(stats.correct), str(stats.attempts), str(stats.streak))
        console.print(table)
    else:
        console.print("No practice yet: [bold]mathforml practice[/] when you are ready.")
    console.print(f"Lessons read: {len(read)}/{len(catalog.lessons)} · reviews due now: "
                  f"{len(due)} · active {summary.streak_days} day(s) in a row")
    return EXIT["ok"]
