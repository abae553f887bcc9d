from django.urls import path

from bridge.site import views
from bridge.site.views import personal_data

app_name = "site"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("search/suggest/", views.search_suggestions, name="search_suggest"),
    path("privacy/", personal_data.privacy, name="privacy"),
    path("accounts/data/", personal_data.data_page, name="personal_data"),
    path("accounts/data/download/", personal_data.data_json, name="personal_data_json"),
    path("accounts/delete/", personal_data.account_delete_view, name="account_delete"),
]
