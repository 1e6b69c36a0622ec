"""The three kinds of submission, and what storing each takes: one table for the HTML views and
the API alike."""

from dataclasses import dataclass

from .models import Comment, Feedback, Question, Submission
from .services import comment_submit, feedback_submit, question_submit


@dataclass(frozen=True)
class Kind:
    name: str
    model: type[Submission]
    fields: tuple[str, ...]
    submit_function: object

    def submit(self, *, key, fingerprint: str, data: dict) -> tuple[Submission, bool]:
        """Store the kind's own fields of validated `data`: (submission, stored by this call)."""
        values = {name: data[name] for name in self.fields if name in data}
        return self.submit_function(key=key, fingerprint=fingerprint, **values)


QUESTION = Kind("question", Question, ("text", "email", "condition", "language"), question_submit)
FEEDBACK = Kind("feedback", Feedback, ("condition", "helpful", "comment"), feedback_submit)
COMMENT = Kind("comment", Comment, ("condition", "name", "email", "text"), comment_submit)
