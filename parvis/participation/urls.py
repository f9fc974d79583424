from django.urls import path

from parvis.participation.views import agent as views_agent
from parvis.participation.views import manage as views_manage
from parvis.participation.views import paper as views_paper
from parvis.participation.views import public as views
from parvis.participation.views import synthesis as views_synthesis

app_name = "participation"

urlpatterns = [
    path("", views.index, name="index"),
    path("nouvelle/", views_manage.process_new, name="process_new"),
    path("<slug:slug>/modifier/", views_manage.process_edit, name="process_edit"),
    path("<slug:slug>/reunions/nouvelle/", views_manage.meeting_form, name="meeting_new"),
    path("<slug:slug>/reunions/<int:pk>/modifier/", views_manage.meeting_form, name="meeting_edit"),
    path("<slug:slug>/", views.process_detail, name="process"),
    path("<slug:slug>/resultats/", views.results, name="results"),
    path("<slug:slug>/questionnaire/", views.questionnaire, name="questionnaire"),
    path("<slug:slug>/questionnaire/imprimer/", views.questionnaire_print, name="questionnaire_print"),
    path("<slug:slug>/propositions/", views.proposals, name="proposals"),
    path("<slug:slug>/propositions/nouvelle/", views.proposal_new, name="proposal_new"),
    path("<slug:slug>/propositions/<int:pk>/", views.proposal_detail, name="proposal"),
    path("<slug:slug>/propositions/<int:pk>/soutenir/", views.support, name="support"),
    path("<slug:slug>/propositions/<int:pk>/commenter/", views.comment, name="comment"),
    path("<slug:slug>/propositions/<int:pk>/repondre/", views_agent.proposal_answer, name="proposal_answer"),
    path("<slug:slug>/signaler/<str:kind>/<int:pk>/", views.report, name="report"),
    path("<slug:slug>/reunions/<int:pk>/", views.meeting, name="meeting"),
    path("<slug:slug>/budget/", views.budget, name="budget"),
    path("<slug:slug>/moderation/journal/", views.moderation_log, name="moderation_log"),
    path("<slug:slug>/moderation/", views_agent.moderation_queue, name="moderation"),
    path(
        "<slug:slug>/moderation/<str:kind>/<int:pk>/", views_agent.moderation_decide, name="moderation_decide"
    ),
    path("<slug:slug>/saisie-papier/", views_paper.paper_entry, name="paper"),
    path("<slug:slug>/saisie-papier/proposition/", views_paper.paper_proposal, name="paper_proposal"),
    path("<slug:slug>/saisie-papier/budget/", views_paper.paper_ballot, name="paper_ballot"),
    path(
        "<slug:slug>/propositions/<int:pk>/soutiens-papier/",
        views_paper.paper_supports,
        name="paper_supports",
    ),
    path("<slug:slug>/habitants/", views_agent.residents, name="residents"),
    path("<slug:slug>/import/", views_agent.import_file, name="import"),
    path("<slug:slug>/donnees.csv", views_agent.open_data_csv, name="open_data_csv"),
    path("<slug:slug>/publier/", views_agent.publish, name="publish"),
    path("<slug:slug>/synthese/", views_synthesis.synthesis_page, name="synthesis"),
    path("<slug:slug>/synthese/modifier/", views_synthesis.synthesis_edit, name="synthesis_edit"),
    path("<slug:slug>/synthese/imprimer/", views_synthesis.synthesis_print, name="synthesis_print"),
    path("<slug:slug>/synthese/export.<str:fmt>", views_synthesis.synthesis_export, name="synthesis_export"),
]
