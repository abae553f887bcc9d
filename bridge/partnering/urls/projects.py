"""Joint projects' pages, included under partnering/projects/ in the partnering namespace."""

from django.urls import path

from bridge.partnering.views import project_actions, projects

urlpatterns = [
    path("", projects.registry, name="projects"),
    path("mine/", projects.mine, name="projects_mine"),
    path("new/", projects.project_new, name="project_new"),
    path("from-interest/<int:pk>/", projects.project_from_interest, name="project_from_interest"),
    path("<int:pk>/", projects.project_detail, name="project"),
    path("<int:pk>/edit/", projects.project_edit, name="project_edit"),
    path("<int:pk>/action/", project_actions.project_action, name="project_action"),
]
