from django.urls import path

from bridge.materials.views import catalog, materials, suppliers

app_name = "materials_catalog"
urlpatterns = [
    path("", catalog.catalog, name="catalog"),
    path("suppliers/<slug:slug>/", suppliers.detail, name="supplier"),
    # A SKU may hold any character a supplier typed, even "/": it is the last part of the path.
    path("m/<slug:supplier>/<path:sku>/", materials.detail, name="material"),
]
