from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    name = "xeploai.questions"
    verbose_name = _("Hỏi đáp vướng mắc")
