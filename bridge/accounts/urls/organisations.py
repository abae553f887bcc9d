from django.urls import path
from django.views.generic import TemplateView

app_name = "organisations"
urlpatterns = [
    path("", TemplateView.as_view(template_name="base.html"), name="directory"),
    path("new/", TemplateView.as_view(template_name="base.html"), name="create"),
    path("<slug:slug>/", TemplateView.as_view(template_name="base.html"), name="detail"),
    path(
        "invitations/<str:token>/",
        TemplateView.as_view(template_name="base.html"),
        name="invitation",
    ),
]
