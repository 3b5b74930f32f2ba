"""Lesson files: front matter, segments, running the examples."""

import pytest

from mathforml.course.lessons import Code, Prose, parse_lesson, run_lesson, segments
from mathforml.errors import ContentError

GOOD = """+++
id = "demo"
title = "Demo"
module = "m"
minutes = 3
concepts = ["dot_product"]
+++
Intro with $x^2$.

```python
print(1 + 1)
```

```text
not run
```

```python
y = undefined_name
```
Outro.
"""


def test_front_matter_and_segments():
    lesson = parse_lesson(GOOD)
    assert (lesson.id, lesson.minutes, lesson.concepts, lesson.exercises) == (
        "demo", 3, ("dot_product",), ())
    parts = segments(lesson)
    assert [type(p).__name__ for p in parts] == ["Prose", "Code", "Code", "Code", "Prose"]
    assert parts[0] == Prose("Intro with $x^2$.")
    assert parts[2].language == "text"


def test_running_keeps_output_and_errors_per_block():
    parts = [p for p in run_lesson(parse_lesson(GOOD)) if isinstance(p, Code)]
    assert parts[0].output == "2\n" and parts[0].error == ""
    assert parts[1].output == "" and parts[1].error == ""  # text fences are not run
    assert "NameError" in parts[2].error and "undefined_name" in parts[2].error


@pytest.mark.parametrize(
    "text,message",
    [
        ("no front matter", "starts with TOML front matter"),
        ('+++\nid = "x"\n+++\n', "needs title"),
        ('+++\nid = "x\n+++\n', "not valid TOML"),
        ('+++\nid="x"\ntitle="t"\nmodule="m"\nminutes=1\ncolour="red"\n+++\n', "unknown front"),
    ],
)
def test_malformed_lessons_are_content_errors(text, message):
    with pytest.raises(ContentError, match=message):
        parse_lesson(text)
