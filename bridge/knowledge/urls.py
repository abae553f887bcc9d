from django.urls import path

from bridge.knowledge.views import authoring, events, library, review, themes

app_name = "knowledge"
urlpatterns = [
    path("", library.library, name="library"),
    path("mine/", authoring.mine, name="mine"),
    path("new/", authoring.practice_new, name="practice_new"),
    path("keywords/", authoring.keyword_suggestions, name="keyword_suggestions"),
    path("review/", review.queue, name="review"),
    path("review/questions/<str:pk>/", review.question_moderate, name="question_moderate"),
    path("review/<slug:slug>/<str:lang>/", review.entry, name="review_entry"),
    path("library/<slug:slug>/", library.practice, name="practice"),
    path("library/<slug:slug>/useful/", library.practice_useful, name="practice_useful"),
    path("library/<slug:slug>/ask/", library.practice_ask, name="practice_ask"),
    path(
        "library/<slug:slug>/translation/",
        library.practice_request_translation,
        name="practice_request_translation",
    ),
    path("library/<slug:slug>/answer/<str:pk>/", library.question_answer, name="question_answer"),
    path("library/<slug:slug>/details/", authoring.practice_details, name="practice_details"),
    path("library/<slug:slug>/translate/", authoring.practice_translate, name="practice_translate"),
    path(
        "library/<slug:slug>/files/<str:pk>/remove/",
        authoring.attachment_remove,
        name="attachment_remove",
    ),
    path("library/<slug:slug>/files/<str:pk>/<str:name>", library.attachment, name="attachment"),
    path("library/<slug:slug>/<str:lang>/edit/", authoring.entry_edit, name="entry_edit"),
    path("library/<slug:slug>/<str:lang>/submit/", authoring.entry_submit, name="entry_submit"),
    path("library/<slug:slug>/<str:lang>/archive/", authoring.entry_archive, name="entry_archive"),
    path("library/<slug:slug>/<str:lang>/history/", authoring.entry_history, name="entry_history"),
    path("library/<slug:slug>/<str:lang>/restore/", authoring.entry_restore, name="entry_restore"),
    path("library/<slug:slug>/<str:lang>/files/", authoring.attachment_add, name="attachment_add"),
    path("events/", events.calendar_page, name="calendar"),
    path("events/calendar.ics", events.calendar_ics, name="calendar_ics"),
    path("events/zone/", events.calendar_zone, name="calendar_zone"),
    path("events/<slug:slug>/", events.event_page, name="event"),
    path("events/<slug:slug>/event.ics", events.event_ics, name="event_ics"),
    path("events/<slug:slug>/register/", events.event_register, name="event_register"),
    path("events/<slug:slug>/cancel/", events.event_cancel, name="event_cancel"),
    path("events/<slug:slug>/library/", events.event_to_library, name="event_to_library"),
    path("heritage/", themes.theme_index, name="themes"),
    path("heritage/<slug:concept_id>/", themes.theme, name="theme"),
    path("heritage/<slug:concept_id>/edit/", themes.theme_edit, name="theme_edit"),
    path(
        "heritage/<slug:concept_id>/images/<str:pk>/remove/",
        themes.theme_image_remove,
        name="theme_image_remove",
    ),
]
