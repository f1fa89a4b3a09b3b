"""Questions channel pages (S-17), included by the project under "hoi-dap/" (namespace "questions")."""

from django.urls import path

from xeploai.web.views import questions

app_name = "questions"

urlpatterns = [
    path("", questions.question_list, name="list"),
    path("hoi/", questions.ask, name="ask"),
    path("<int:pk>/", questions.thread, name="thread"),
    path("<int:pk>/tra-loi/", questions.answer, name="answer"),
    path("<int:pk>/dong/", questions.close, name="close"),
]
