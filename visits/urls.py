"""Public pages: home, the lists (filters in the query string) and a page per record."""

from django.urls import path

from . import views

app_name = "visits"
urlpatterns = [
    path("", views.home, name="home"),
    path("levels.css", views.levels_css, name="levels_css"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("visits/", views.visit_list, name="visit_list"),
    path("visits/<int:pk>/", views.visit_detail, name="visit_detail"),
    path("visits/disagreements/", views.visit_disagreements, name="visit_disagreements"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("agreements/", views.agreement_list, name="agreement_list"),
    path("agreements/<int:pk>/", views.agreement_detail, name="agreement_detail"),
    path("leaders/", views.leader_list, name="leader_list"),
    path("leaders/<int:pk>/", views.leader_detail, name="leader_detail"),
    path("countries/", views.country_list, name="country_list"),
    path("countries/<str:code>/", views.country_detail, name="country_detail"),
    path("articles/", views.article_list, name="article_list"),
    path("articles/<int:pk>/", views.article_detail, name="article_detail"),
]
