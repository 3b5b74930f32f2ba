"""The course engine: curriculum, lessons, exercises, grading, practice, progress, reviews.

The command line and the web app are thin interfaces over this package; both call the
same functions, so a check gives the same verdict everywhere. The library
(``mathforml.linalg`` ...) knows nothing of the course; the course uses the library as
the reference exercises are graded against.
"""
