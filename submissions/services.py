from conditions.models import Condition

from .models import Question


def question_submit(*, text: str, email: str = "", condition: Condition | None = None) -> Question:
    return Question.objects.create(text=text, email=email, condition=condition)
