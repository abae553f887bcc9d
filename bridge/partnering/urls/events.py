from django.urls import path

from bridge.partnering.views import events, events_staff, ratings

urlpatterns = [
    path("events/", events.event_list, name="events"),
    path("events/calendar/<str:token>.ics", events.calendar_feed, name="calendar_feed"),
    path("events/ratings/", ratings.ratings, name="ratings"),
    path("events/outcomes/", ratings.outcomes, name="outcomes"),
    path("events/<slug:slug>/", events.event_detail, name="event"),
    path("events/<slug:slug>/register/", events.event_register, name="event_register"),
    path("events/<slug:slug>/unavailable/", events.event_unavailable, name="event_unavailable"),
    path("events/<slug:slug>/request/", events.meeting_request_new, name="meeting_request"),
    path(
        "events/<slug:slug>/requests/<int:pk>/",
        events.meeting_request_answer,
        name="meeting_answer",
    ),
    path("events/<slug:slug>/agenda/", events.agenda, name="agenda"),
    path("events/<slug:slug>/agenda.ics", events.agenda_ics, name="agenda_ics"),
    path("events/<slug:slug>/meetings/<int:pk>.ics", events.meeting_ics, name="meeting_ics"),
    path("events/<slug:slug>/meetings/<int:pk>/late/", events.meeting_late, name="meeting_late"),
    path("events/<slug:slug>/staff/", events_staff.event_staff, name="event_staff"),
]
