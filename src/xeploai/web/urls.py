from django.urls import path

from xeploai.web.views import registry

app_name = "web"

urlpatterns = [
    path("", registry.home, name="home"),
]
