"""Public pages: home, the lists (filters in the query string) and a page per record."""

from django.urls import path

from . import views

app_name = "visits"
JSON = {"as_json": True}  # `/visits/5.json`: the record's JSON
urlpatterns = [
    path("", views.home, name="home"),
    path("levels.css", views.levels_css, name="levels_css"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("api/", views.api_docs, name="api"),
    path("visits/", views.visit_list, name="visit_list"),
    path("visits/feed.atom", views.visit_feed, name="visit_feed"),
    path("visits/<int:pk>/", views.visit_detail, name="visit_detail"),
    path("visits/<int:pk>.json", views.visit_detail, JSON, name="visit_json"),
    path("visits/disagreements/", views.visit_disagreements, name="visit_disagreements"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>.json", views.meeting_detail, JSON, name="meeting_json"),
    path("agreements/", views.agreement_list, name="agreement_list"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>.json", views.agreement_detail, JSON, name="agreement_json"),
    path("leaders/", views.leader_list, name="leader_list"),
    path("leaders/<int:pk>/", views.leader_detail, name="leader_detail"),
    path("leaders/<int:pk>.json", views.leader_detail, JSON, name="leader_json"),
    path("countries/", views.country_list, name="country_list"),
    path("countries/<str:code>.json", views.country_detail, JSON, name="country_json"),
    path("countries/<str:code>/", views.country_detail, name="country_detail"),
    path("articles/", views.article_list, name="article_list"),
    path("articles/<int:pk>/", views.article_detail, name="article_detail"),
    path("articles/<int:pk>.json", views.article_detail, JSON, name="article_json"),
]
