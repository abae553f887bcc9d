from django.urls import include, path

from bridge.partnering.urls import events as events_urls
from bridge.partnering.views import browse, files, interest, listings, matches, staff

app_name = "partnering"

urlpatterns = [
    path("", browse.browse, name="browse"),
    path("keywords/", browse.keyword_suggest, name="keyword_suggest"),
    path("searches/", browse.saved_searches, name="saved_searches"),
    path("searches/<int:pk>/delete/", browse.saved_search_delete, name="saved_search_delete"),
    path("mine/", listings.mine, name="mine"),
    path("new/", listings.listing_new, name="listing_new"),
    path("<int:pk>/", listings.listing_detail, name="listing"),
    path("<int:pk>/edit/", listings.listing_edit, name="listing_edit"),
    path("<int:pk>/action/", listings.listing_action, name="listing_action"),
    path("<int:pk>/matches/", matches.listing_matches, name="matches"),
    path("<int:pk>/matches/<int:other>/dismiss/", matches.match_dismiss, name="match_dismiss"),
    path("<int:pk>/interest/", interest.interest_new, name="interest_new"),
    path("interests/", interest.inbox, name="inbox"),
    path("interests/<int:pk>/", interest.interest_detail, name="interest"),
    path("staff/queue/", staff.queue, name="queue"),
    path("staff/funnel/", staff.funnel_page, name="funnel"),
    path("files/<path:name>", files.attachment, name="attachment"),
    path("projects/", include("bridge.partnering.urls.projects")),
]

urlpatterns += events_urls.urlpatterns
