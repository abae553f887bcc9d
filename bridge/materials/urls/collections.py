from django.urls import path

from bridge.materials.views import collections

app_name = "materials_collections"

urlpatterns = [
    path("", collections.index, name="index"),
    path("add/", collections.add, name="add"),
    path("compare/", collections.compare, name="compare"),
    path("shared/<str:token>/", collections.shared, name="shared"),
    path("<int:pk>/", collections.detail, name="detail"),
    path("<int:pk>/edit/", collections.edit, name="edit"),
    path("<int:pk>/delete/", collections.delete, name="delete"),
    path("<int:pk>/share/", collections.share, name="share"),
    path("<int:pk>/unshare/", collections.unshare, name="unshare"),
    path("<int:pk>/remove/", collections.remove, name="remove"),
]
