"""The authorization table (issue 16): every URL pattern and API operation × every role, each cell
the answer that role gets. test_authorization_table.py requests every cell and fails on any
difference, and on a URL or API operation that has no row here.

Columns (bridge/site/tests/authorization_world.py says who each is and which objects they reach):
  an anonymous · no signed in, no organisation · me/ad/ow member, admin, owner of the RIGHT
  organisation, which owns every object the URL names · ot member of ANOTHER organisation ·
  su owner of a supplier, party to the right organisation's sample request · ra/rn/rc reviewers
  of the blind call: assigned the right organisation's application, not assigned, conflicted ·
  mo moderator · pm programme manager · as analyst · sa superuser (staff with a verified second
  factor). For ot and su the ids are another organisation's objects: their cells are the IDOR
  checks.

Cells (the first answer; redirects are not followed):
  o  allowed: 2xx, or a redirect elsewhere than the sign-in page (a form sent, an action done)
  b  allowed to act, the input refused (400, 409, 422): a page's empty form, or an API write
     whose valid body the object's state or the world refuses (already submitted, not yours)
  L  sign in first: a redirect to the sign-in page, or 401 from the API
  D  refused: 403
  N  not found: 404 (what a page answers when even the object's existence is private)
  M  405: the method is not this URL's (kept where a URL takes only other methods)
  2  a redirect to the second-factor pages

Rows: `METHOD path`, pages as the resolver's pattern with {parameters}, the API as its OpenAPI
path. Pages are requested by the method of their row with an empty form; API operations by Bearer
token (GET also by browser session, which must answer alike), a write with a body that passes its
schema (openapi_bodies.py), so that its cells are the caller's answer, not the validator's.
"""

COLUMNS = ("an", "no", "me", "ad", "ow", "ot", "su", "ra", "rn", "rc", "mo", "pm", "as", "sa")

TABLE = """
#      path                                                           an no me ad ow ot su ra rn rc mo pm as sa
# healthz
GET    /healthz                                                       o  o  o  o  o  o  o  o  o  o  o  o  o  o
# metrics
GET    /metrics                                                       o  o  o  o  o  o  o  o  o  o  o  o  o  o
# notifications
GET    /notifications/                                                L  o  o  o  o  o  o  o  o  o  o  o  o  o
POST   /notifications/{pk}/read/                                      L  N  o  N  N  N  N  N  N  N  N  N  N  N
POST   /notifications/read-all/                                       L  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /notifications/settings/                                       L  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /notifications/unsubscribe/{token}/                            b  b  b  b  b  b  b  b  b  b  b  b  b  b
# home
GET    /                                                              o  o  o  o  o  o  o  o  o  o  o  o  o  o
# search
GET    /search/                                                       o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /search/suggest/                                               o  o  o  o  o  o  o  o  o  o  o  o  o  o
# privacy
GET    /privacy/                                                      o  o  o  o  o  o  o  o  o  o  o  o  o  o
# accounts
GET    /accounts/data/                                                L  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /accounts/data/download/                                       L  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /accounts/delete/                                              L  o  o  o  o  o  o  o  o  o  o  o  o  o
POST   /accounts/language/                                            o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /accounts/signup/                                              o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /accounts/confirm/                                             o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /accounts/confirm/{token}/                                     b  b  b  b  b  b  b  b  b  b  b  b  b  b
GET    /accounts/login/                                               o  o  o  o  o  o  o  o  o  o  o  o  o  o
POST   /accounts/logout/                                              o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /accounts/password/reset/                                      o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /accounts/password/reset/sent/                                 o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /accounts/password/reset/{uidb64}/{token}/                     o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /accounts/password/reset/complete/                             o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /accounts/password/change/                                     L  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /accounts/password/change/done/                                L  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /accounts/profile/                                             L  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /accounts/two-factor/setup/                                    L  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /accounts/two-factor/verify/                                   L  o  o  o  o  o  o  o  o  o  o  o  o  o
POST   /accounts/two-factor/recovery-codes/                           L  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /accounts/two-factor/disable/                                  L  o  o  o  o  o  o  o  o  o  o  o  o  o
# signing out everywhere ends the session too: the answer is the sign-in page for everyone
POST   /accounts/sessions/end-all/                                    L  L  L  L  L  L  L  L  L  L  L  L  L  L
GET    /accounts/tokens/                                              L  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /accounts/tokens/{token_id}/revoke/                            L  N  o  N  N  N  N  N  N  N  N  N  N  N
# organisations
GET    /organisations/                                                o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /organisations/new/                                            L  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /organisations/legal-forms/                                    o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /organisations/moderation/                                     L  D  D  D  D  D  D  D  D  D  o  D  D  o
POST   /organisations/moderation/{slug}/                              L  D  D  D  D  D  D  D  D  D  o  D  D  o
GET    /organisations/invitations/{token}/                            o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /organisations/{slug}/                                         o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /organisations/{slug}/edit/                                    L  D  D  o  o  D  D  D  D  D  D  D  D  D
POST   /organisations/{slug}/request-verification/                    L  D  D  o  o  D  D  D  D  D  D  D  D  D
GET    /organisations/{slug}/members/                                 L  D  o  o  o  D  D  D  D  D  o  o  o  o
POST   /organisations/{slug}/members/invite/                          L  D  D  b  b  D  D  D  D  D  D  D  D  D
POST   /organisations/{slug}/members/{pk}/role/                       L  D  D  D  o  D  D  D  D  D  D  D  D  D
POST   /organisations/{slug}/members/{pk}/remove/                     L  D  D  o  o  D  D  D  D  D  D  D  D  D
POST   /organisations/{slug}/invitations/{pk}/revoke/                 L  D  D  o  o  D  D  D  D  D  D  D  D  D
GET    /organisations/{slug}/leave/                                   L  D  o  o  o  D  D  D  D  D  D  D  D  D
GET    /organisations/{slug}/transfer/                                L  D  D  D  o  D  D  D  D  D  D  D  D  D
# materials
GET    /materials/collections/                                        L  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /materials/collections/add/                                    L  N  N  N  N  N  N  N  N  N  N  N  N  N
GET    /materials/collections/compare/                                o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /materials/collections/shared/{token}/                         N  N  N  N  N  N  N  N  N  N  N  N  N  N
GET    /materials/collections/{pk}/                                   L  N  o  N  N  N  N  N  N  N  N  N  N  N
POST   /materials/collections/{pk}/edit/                              L  N  o  N  N  N  N  N  N  N  N  N  N  N
POST   /materials/collections/{pk}/delete/                            L  N  o  N  N  N  N  N  N  N  N  N  N  N
POST   /materials/collections/{pk}/share/                             L  N  o  N  N  N  N  N  N  N  N  N  N  N
POST   /materials/collections/{pk}/unshare/                           L  N  o  N  N  N  N  N  N  N  N  N  N  N
POST   /materials/collections/{pk}/remove/                            L  N  N  N  N  N  N  N  N  N  N  N  N  N
GET    /materials/samples/                                            L  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /materials/samples/new/                                        L  N  N  N  N  N  N  N  N  N  N  N  N  N
# the old read address of the Materials Center: a permanent redirect to the notification centre
POST   /materials/samples/notifications/read/                         o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /materials/samples/{pk}/                                       L  N  o  N  N  N  o  N  N  N  N  N  N  N
POST   /materials/samples/{pk}/message/                               L  N  b  N  N  N  b  N  N  N  N  N  N  N
POST   /materials/samples/{pk}/{action}/                              L  N  b  N  N  N  b  N  N  N  N  N  N  N
GET    /materials/dashboard/                                          L  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /materials/dashboard/{slug}/                                   L  N  o  o  o  N  N  N  N  N  o  N  N  o
POST   /materials/dashboard/{slug}/bulk/                              L  N  D  o  o  N  N  N  N  N  o  N  N  o
GET    /materials/dashboard/{slug}/new/                               L  N  D  o  o  N  N  N  N  N  o  N  N  o
GET    /materials/dashboard/{slug}/{pk}/edit/                         L  N  D  o  o  N  N  N  N  N  o  N  N  o
GET    /materials/import/                                             L  D  D  o  o  D  o  D  D  D  o  D  D  o
GET    /materials/import/{pk}/                                        L  N  N  o  o  N  N  N  N  N  o  N  N  o
POST   /materials/import/{pk}/commit/                                 L  N  N  D  o  N  N  N  N  N  D  N  N  D
GET    /materials/export.{fmt}                                        o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /materials/moderation/                                         L  D  D  D  D  D  D  D  D  D  o  D  D  o
POST   /materials/moderation/decide/                                  L  D  D  D  D  D  D  D  D  D  b  D  D  b
GET    /materials/moderation/{pk}/history/                            L  D  D  D  D  D  D  D  D  D  o  D  D  o
GET    /materials/                                                    o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /materials/suppliers/{slug}/                                   o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /materials/m/{supplier}/{sku}/                                 o  o  o  o  o  o  o  o  o  o  o  o  o  o
# programmes
GET    /programmes/review/                                            L  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /programmes/review/invitations/{token}/                        L  N  N  N  N  N  N  N  N  N  N  N  N  N
GET    /programmes/review/applications/{pk}/                          L  N  N  N  N  N  N  o  N  N  N  N  N  N
GET    /programmes/review/applications/{pk}/pitch-deck/               L  N  N  N  N  N  N  o  N  N  N  N  N  N
GET    /programmes/review/applications/{pk}/answers/{question}/file/  L  N  N  N  N  N  N  N  N  N  N  N  N  N
POST   /programmes/review/applications/{pk}/conflict/                 L  N  N  N  N  N  N  o  N  N  N  N  N  N
GET    /programmes/staff/calls/{slug}/reviewers/                      L  N  N  N  N  N  N  N  N  N  N  o  D  o
GET    /programmes/staff/calls/{slug}/assignments/                    L  N  N  N  N  N  N  N  N  N  N  o  D  o
POST   /programmes/staff/calls/{slug}/assignments/run/                L  N  N  N  N  N  N  N  N  N  N  o  D  o
POST   /programmes/staff/calls/{slug}/assignments/add/                L  N  N  N  N  N  N  N  N  N  N  N  D  N
POST   /programmes/staff/calls/{slug}/assignments/{pk}/remove/        L  N  N  N  N  N  N  N  N  N  N  o  D  o
POST   /programmes/staff/calls/{slug}/conflicts/detect/               L  N  N  N  N  N  N  N  N  N  N  o  D  o
GET    /programmes/staff/calls/{slug}/eligibility/                    L  N  N  N  N  N  N  N  N  N  N  o  D  o
GET    /programmes/staff/calls/{slug}/ranking/                        L  N  N  N  N  N  N  N  N  N  N  o  o  o
POST   /programmes/staff/calls/{slug}/applications/{pk}/shortlist/    L  N  N  N  N  N  N  N  N  N  N  o  D  o
POST   /programmes/staff/calls/{slug}/applications/{pk}/decide/       L  N  N  N  N  N  N  N  N  N  N  o  D  o
GET    /programmes/staff/calls/{slug}/outbox/                         L  N  N  N  N  N  N  N  N  N  N  o  D  o
POST   /programmes/staff/calls/{slug}/outbox/send-all/                L  N  N  N  N  N  N  N  N  N  N  o  D  o
POST   /programmes/staff/calls/{slug}/outbox/{pk}/send/               L  N  N  N  N  N  N  N  N  N  N  N  D  N
POST   /programmes/staff/calls/{slug}/outbox/{pk}/withdraw/           L  N  N  N  N  N  N  N  N  N  N  N  D  N
GET    /programmes/                                                   o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /programmes/calls/{slug}/                                      o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /programmes/calls/{slug}/apply/                                L  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /programmes/calls/{slug}/cohort/                               L  N  N  N  N  N  N  N  N  N  N  o  o  o
GET    /programmes/calls/{slug}/figures/                              L  N  N  N  N  N  N  N  N  N  N  o  o  o
GET    /programmes/calls/{slug}/export.{fmt}                          L  N  N  N  N  N  N  N  N  N  N  o  o  o
GET    /programmes/applications/                                      L  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /programmes/applications/{pk}/                                 L  N  o  o  o  N  N  N  N  N  N  o  o  o
GET    /programmes/applications/{pk}/edit/                            L  N  o  o  o  N  N  N  N  N  N  o  o  o
POST   /programmes/applications/{pk}/autosave/                        L  N  o  o  o  N  N  N  N  N  N  N  N  N
GET    /programmes/applications/{pk}/submit/                          L  N  o  o  o  N  N  N  N  N  N  N  N  N
GET    /programmes/applications/{pk}/withdraw/                        L  N  o  o  o  N  N  N  N  N  N  N  N  N
GET    /programmes/applications/{pk}/cohort/                          L  N  N  N  N  N  N  N  N  N  N  N  N  N
GET    /programmes/files/{name}                                       L  N  o  o  o  N  N  o  N  N  N  o  o  o
# partnering
GET    /partnering/                                                   o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /partnering/keywords/                                          o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /partnering/searches/                                          L  o  o  o  o  o  o  o  o  o  o  o  o  o
POST   /partnering/searches/{pk}/delete/                              L  N  o  N  N  N  N  N  N  N  N  N  N  N
GET    /partnering/mine/                                              L  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /partnering/new/                                               L  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /partnering/{pk}/                                              o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /partnering/{pk}/edit/                                         L  D  o  o  o  D  D  D  D  D  D  D  D  D
POST   /partnering/{pk}/action/                                       L  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /partnering/{pk}/matches/                                      L  D  o  o  o  D  D  D  D  D  o  o  o  o
POST   /partnering/{pk}/matches/{other}/dismiss/                      L  N  N  N  N  N  N  N  N  N  N  N  N  N
GET    /partnering/{pk}/interest/                                     L  D  D  D  D  o  o  D  D  D  D  D  D  D
GET    /partnering/interests/                                         L  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /partnering/interests/{pk}/                                    L  N  o  o  o  N  N  N  N  N  o  o  o  o
GET    /partnering/staff/queue/                                       D  D  D  D  D  D  D  D  D  D  o  D  D  o
GET    /partnering/staff/funnel/                                      D  D  D  D  D  D  D  D  D  D  o  o  o  o
GET    /partnering/files/{name}                                       N  N  N  N  N  N  N  N  N  N  N  N  N  N
GET    /partnering/projects/                                          o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /partnering/projects/mine/                                     L  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /partnering/projects/new/                                      L  D  o  o  o  o  o  D  D  D  D  D  D  D
GET    /partnering/projects/from-interest/{pk}/                       L  N  D  D  D  N  N  N  N  N  D  D  D  D
GET    /partnering/projects/{pk}/                                     N  N  o  o  o  N  N  N  N  N  o  o  o  o
GET    /partnering/projects/{pk}/edit/                                L  N  o  o  o  N  N  N  N  N  D  D  D  D
POST   /partnering/projects/{pk}/action/                              L  N  N  N  N  N  N  N  N  N  N  N  N  N
GET    /partnering/events/                                            o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /partnering/events/calendar/{token}.ics                        N  N  N  N  N  N  N  N  N  N  N  N  N  N
GET    /partnering/events/ratings/                                    L  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /partnering/events/outcomes/                                   L  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /partnering/events/{slug}/                                     o  o  o  o  o  o  o  o  o  o  o  o  o  o
POST   /partnering/events/{slug}/register/                            L  o  o  o  o  o  o  o  o  o  o  o  o  o
POST   /partnering/events/{slug}/unavailable/                         L  D  o  D  D  D  D  D  D  D  D  D  D  D
POST   /partnering/events/{slug}/request/                             L  D  o  D  D  D  D  D  D  D  D  D  D  D
POST   /partnering/events/{slug}/requests/{pk}/                       L  N  N  N  N  N  N  N  N  N  N  N  N  N
GET    /partnering/events/{slug}/agenda/                              L  N  o  N  N  N  N  N  N  N  N  N  N  N
GET    /partnering/events/{slug}/agenda.ics                           L  N  o  N  N  N  N  N  N  N  N  N  N  N
GET    /partnering/events/{slug}/meetings/{pk}.ics                    L  N  N  N  N  N  N  N  N  N  N  N  N  N
POST   /partnering/events/{slug}/meetings/{pk}/late/                  L  N  N  N  N  N  N  N  N  N  N  N  N  N
GET    /partnering/events/{slug}/staff/                               D  D  D  D  D  D  D  D  D  D  o  o  D  o
# knowledge
GET    /knowledge/                                                    o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /knowledge/mine/                                               L  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /knowledge/new/                                                L  D  o  o  o  o  o  D  D  D  D  D  D  D
GET    /knowledge/keywords/                                           o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /knowledge/review/                                             L  N  N  N  N  N  N  N  N  N  o  N  N  o
POST   /knowledge/review/questions/{pk}/                              L  N  N  N  N  N  N  N  N  N  o  N  N  o
GET    /knowledge/review/{slug}/{lang}/                               L  N  N  N  N  N  N  N  N  N  o  N  N  o
GET    /knowledge/library/{slug}/                                     o  o  o  o  o  o  o  o  o  o  o  o  o  o
POST   /knowledge/library/{slug}/useful/                              L  o  o  o  o  o  o  o  o  o  o  o  o  o
POST   /knowledge/library/{slug}/ask/                                 L  o  o  o  o  o  o  o  o  o  o  o  o  o
POST   /knowledge/library/{slug}/translation/                         L  o  o  o  o  o  o  o  o  o  o  o  o  o
POST   /knowledge/library/{slug}/answer/{pk}/                         L  N  o  o  o  N  N  N  N  N  N  N  N  N
GET    /knowledge/library/{slug}/details/                             L  N  o  o  o  N  N  N  N  N  N  N  N  N
GET    /knowledge/library/{slug}/translate/                           L  N  o  o  o  N  N  N  N  N  N  N  N  N
POST   /knowledge/library/{slug}/files/{pk}/remove/                   L  N  N  N  N  N  N  N  N  N  N  N  N  N
GET    /knowledge/library/{slug}/files/{pk}/{name}                    N  N  N  N  N  N  N  N  N  N  N  N  N  N
GET    /knowledge/library/{slug}/{lang}/edit/                         L  N  o  o  o  N  N  N  N  N  N  N  N  N
POST   /knowledge/library/{slug}/{lang}/submit/                       L  N  o  o  o  N  N  N  N  N  N  N  N  N
POST   /knowledge/library/{slug}/{lang}/archive/                      L  N  o  o  o  N  N  N  N  N  o  N  N  o
GET    /knowledge/library/{slug}/{lang}/history/                      L  N  o  o  o  N  N  N  N  N  o  N  N  o
POST   /knowledge/library/{slug}/{lang}/restore/                      L  N  N  N  N  N  N  N  N  N  N  N  N  N
POST   /knowledge/library/{slug}/{lang}/files/                        L  N  o  o  o  N  N  N  N  N  N  N  N  N
GET    /knowledge/events/                                             o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /knowledge/events/calendar.ics                                 o  o  o  o  o  o  o  o  o  o  o  o  o  o
POST   /knowledge/events/zone/                                        o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /knowledge/events/{slug}/                                      o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /knowledge/events/{slug}/event.ics                             o  o  o  o  o  o  o  o  o  o  o  o  o  o
POST   /knowledge/events/{slug}/register/                             L  o  o  o  o  o  o  o  o  o  o  o  o  o
POST   /knowledge/events/{slug}/cancel/                               L  o  o  o  o  o  o  o  o  o  o  o  o  o
POST   /knowledge/events/{slug}/library/                              L  N  N  N  N  N  N  N  N  N  o  N  N  o
GET    /knowledge/heritage/                                           o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /knowledge/heritage/{concept_id}/                              N  N  N  N  N  N  N  N  N  N  N  N  N  N
GET    /knowledge/heritage/{concept_id}/edit/                         L  N  N  N  N  N  N  N  N  N  N  N  N  N
POST   /knowledge/heritage/{concept_id}/images/{pk}/remove/           L  N  N  N  N  N  N  N  N  N  N  N  N  N
# insights
GET    /insights/                                                     o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /insights/data/                                                o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /insights/data/dictionary/{key}.{fmt}                          o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /insights/data/{key}.{fmt}                                     o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /insights/report/                                              o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /insights/report/{quarter}/                                    N  N  N  N  N  N  N  N  N  N  N  N  N  N
GET    /insights/report/{quarter}.pdf                                 N  N  N  N  N  N  N  N  N  N  N  N  N  N
GET    /insights/staff/                                               L  N  N  N  N  N  N  N  N  N  o  o  o  o
GET    /insights/staff/moderation/                                    L  N  N  N  N  N  N  N  N  N  o  o  o  o
GET    /insights/staff/suppliers/                                     L  N  N  N  N  N  N  N  N  N  o  o  o  o
GET    /insights/staff/reviewers/                                     L  N  N  N  N  N  N  N  N  N  o  o  o  o
GET    /insights/staff/cohorts/                                       L  N  N  N  N  N  N  N  N  N  o  o  o  o
GET    /insights/staff/{report}.{fmt}                                 L  N  N  N  N  N  N  N  N  N  o  o  o  o
POST   /insights/staff/recompute/                                     L  N  N  N  N  N  N  N  N  N  N  N  o  o
# the API's own pages: schema, root, anything else under /api/v1/, the docs
GET    /api/v1/openapi.json                                           o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /api/v1/                                                       N  N  N  N  N  N  N  N  N  N  N  N  N  N
GET    /api/v1/{rest}                                                 N  N  N  N  N  N  N  N  N  N  N  N  N  N
GET    /api/docs                                                      o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /api/docs/                                                     o  o  o  o  o  o  o  o  o  o  o  o  o  o
# the Django admin: visitors are sent to its own sign-in (an `o` here); its other pages are
# the admin's (test_admin_audit.py), the walk keeps only these two
GET    /staff/admin/                                                  o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /staff/admin/login/                                            o  o  o  o  o  o  o  o  o  o  o  o  o  o
# API: insights
GET    /api/v1/insights/summary                                       o  o  o  o  o  o  o  o  o  o  o  o  o  o
# API: knowledge
GET    /api/v1/knowledge/entries                                      o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /api/v1/knowledge/entries/{slug}                               o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /api/v1/knowledge/events                                       o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /api/v1/knowledge/events/{slug}                                o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /api/v1/knowledge/events/{slug}/event.ics                      o  o  o  o  o  o  o  o  o  o  o  o  o  o
DELETE /api/v1/knowledge/events/{slug}/registration                   L  N  N  N  N  N  N  N  N  N  N  N  N  N
GET    /api/v1/knowledge/events/{slug}/registration                   L  N  N  N  N  N  N  N  N  N  N  N  N  N
POST   /api/v1/knowledge/events/{slug}/registration                   L  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /api/v1/knowledge/themes                                       o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /api/v1/knowledge/themes/{concept_id}                          N  N  N  N  N  N  N  N  N  N  N  N  N  N
# API: materials
GET    /api/v1/materials                                              o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /api/v1/materials/{supplier}/{sku}                             o  o  o  o  o  o  o  o  o  o  o  o  o  o
# API: me
GET    /api/v1/me                                                     L  o  o  o  o  o  o  o  o  o  o  o  o  o
# API: organisations
GET    /api/v1/organisations                                          o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /api/v1/organisations/{organisation_id}                        o  o  o  o  o  o  o  o  o  o  o  o  o  o
# API: partnering
GET    /api/v1/partnering/events                                      o  o  o  o  o  o  o  o  o  o  o  o  o  o
POST   /api/v1/partnering/events/meetings/{meeting_id}/late           L  N  N  N  N  N  N  N  N  N  N  N  N  N
POST   /api/v1/partnering/events/requests/{request_id}/accept         L  N  N  N  N  N  N  N  N  N  N  N  N  N
POST   /api/v1/partnering/events/requests/{request_id}/decline        L  N  N  N  N  N  N  N  N  N  N  N  N  N
GET    /api/v1/partnering/events/{slug}                               o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /api/v1/partnering/events/{slug}/agenda                        L  N  o  N  N  N  N  N  N  N  N  N  N  N
GET    /api/v1/partnering/events/{slug}/agenda.ics                    L  N  o  N  N  N  N  N  N  N  N  N  N  N
POST   /api/v1/partnering/events/{slug}/requests                      L  N  o  N  N  N  N  N  N  N  N  N  N  N
GET    /api/v1/partnering/interests                                   L  o  o  o  o  o  o  o  o  o  o  o  o  o
POST   /api/v1/partnering/interests/{interest_id}/accept              L  N  o  o  o  N  N  N  N  N  D  D  D  D
POST   /api/v1/partnering/interests/{interest_id}/decline             L  N  o  o  o  N  N  N  N  N  D  D  D  D
GET    /api/v1/partnering/listings                                    o  o  o  o  o  o  o  o  o  o  o  o  o  o
POST   /api/v1/partnering/listings                                    L  D  o  o  o  D  D  D  D  D  D  D  D  D
GET    /api/v1/partnering/listings/{listing_id}                       o  o  o  o  o  o  o  o  o  o  o  o  o  o
PATCH  /api/v1/partnering/listings/{listing_id}                       L  D  o  o  o  D  D  D  D  D  D  D  D  D
POST   /api/v1/partnering/listings/{listing_id}/interests             L  D  b  b  b  D  D  D  D  D  D  D  D  D
GET    /api/v1/partnering/listings/{listing_id}/matches               L  D  o  o  o  D  D  D  D  D  o  o  o  o
POST   /api/v1/partnering/listings/{listing_id}/submit                L  D  b  b  b  D  D  D  D  D  D  D  D  D
GET    /api/v1/partnering/my/registrations                            L  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /api/v1/partnering/projects                                    o  o  o  o  o  o  o  o  o  o  o  o  o  o
POST   /api/v1/partnering/projects                                    L  D  o  o  o  D  D  D  D  D  D  D  D  D
GET    /api/v1/partnering/projects/{project_id}                       N  N  o  o  o  N  N  N  N  N  o  o  o  o
PATCH  /api/v1/partnering/projects/{project_id}                       L  N  o  o  o  N  N  N  N  N  D  D  D  D
POST   /api/v1/partnering/projects/{project_id}/confirm               L  N  b  b  b  N  N  N  N  N  D  D  D  D
POST   /api/v1/partnering/projects/{project_id}/consent               L  N  b  b  b  N  N  N  N  N  D  D  D  D
POST   /api/v1/partnering/projects/{project_id}/milestones            L  N  o  o  o  N  N  N  N  N  D  D  D  D
POST   /api/v1/partnering/projects/{project_id}/status                L  N  o  o  o  N  N  N  N  N  D  D  D  D
# API: programmes
GET    /api/v1/programmes/applications                                L  o  o  o  o  o  o  o  o  o  o  o  o  o
POST   /api/v1/programmes/applications                                L  D  b  b  b  D  D  D  D  D  D  D  D  D
GET    /api/v1/programmes/applications/{application_id}               L  N  o  o  o  N  N  N  N  N  N  N  N  N
PATCH  /api/v1/programmes/applications/{application_id}               L  N  o  o  o  N  N  N  N  N  N  N  N  N
POST   /api/v1/programmes/applications/{application_id}/submit        L  N  b  b  b  N  N  N  N  N  N  N  N  N
GET    /api/v1/programmes/calls                                       o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /api/v1/programmes/calls/{slug}                                o  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /api/v1/programmes/calls/{slug}/ranking                        L  D  D  D  D  D  D  D  D  D  D  o  o  o
GET    /api/v1/programmes/reviews                                     L  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /api/v1/programmes/reviews/{application_id}                    L  N  N  N  N  N  N  o  N  N  N  N  N  N
# API: sample-requests
GET    /api/v1/sample-requests                                        L  o  o  o  o  o  o  o  o  o  o  o  o  o
POST   /api/v1/sample-requests                                        L  b  o  o  o  b  b  b  b  b  b  b  b  b
GET    /api/v1/sample-requests/{request_id}                           L  N  o  N  N  N  o  N  N  N  N  N  N  N
POST   /api/v1/sample-requests/{request_id}/accept                    L  N  D  N  N  N  o  N  N  N  N  N  N  N
POST   /api/v1/sample-requests/{request_id}/cancel                    L  N  o  N  N  N  D  N  N  N  N  N  N  N
POST   /api/v1/sample-requests/{request_id}/close                     L  N  b  N  N  N  b  N  N  N  N  N  N  N
POST   /api/v1/sample-requests/{request_id}/decline                   L  N  D  N  N  N  o  N  N  N  N  N  N  N
POST   /api/v1/sample-requests/{request_id}/messages                  L  N  o  N  N  N  o  N  N  N  N  N  N  N
POST   /api/v1/sample-requests/{request_id}/receive                   L  N  b  N  N  N  D  N  N  N  N  N  N  N
POST   /api/v1/sample-requests/{request_id}/ship                      L  N  D  N  N  N  b  N  N  N  N  N  N  N
# API: suppliers
GET    /api/v1/suppliers/{slug}                                       o  o  o  o  o  o  o  o  o  o  o  o  o  o
# merged 2026-12-04: runs of long work (only their owner, moderators and analysts: the
# placeholder run is nobody's), and the API operations of issue 16 item 1
GET    /runs/{pk}/                                                    L  N  N  N  N  N  N  N  N  N  N  N  N  N
GET    /runs/{pk}/report.csv                                          L  N  N  N  N  N  N  N  N  N  N  N  N  N
GET    /runs/{pk}/status/                                             L  N  N  N  N  N  N  N  N  N  N  N  N  N
DELETE /api/v1/collections/{collection_id}                            L  N  o  N  N  N  N  N  N  N  N  N  N  N
DELETE /api/v1/collections/{collection_id}/materials/{material_id}    L  N  o  N  N  N  N  N  N  N  N  N  N  N
DELETE /api/v1/collections/{collection_id}/share                      L  N  o  N  N  N  N  N  N  N  N  N  N  N
DELETE /api/v1/organisations/{organisation_id}/invitations/{invitation_id} L  D  D  o  o  D  D  D  D  D  D  D  D  D
DELETE /api/v1/organisations/{organisation_id}/members/{membership_id} L  D  D  o  o  D  D  D  D  D  D  D  D  D
DELETE /api/v1/programmes/calls/{slug}/assignments/{assignment_id}    L  D  D  D  D  D  D  D  D  D  D  N  D  N
DELETE /api/v1/programmes/calls/{slug}/outbox/{decision_id}           L  D  D  D  D  D  D  D  D  D  D  N  D  N
DELETE /api/v1/suppliers/{slug}/listings/{material_id}/images/{image_id} L  N  D  N  N  N  N  N  N  N  N  N  N  N
GET    /api/v1/collections                                            L  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /api/v1/collections/{collection_id}                            L  N  o  N  N  N  N  N  N  N  N  N  N  N
GET    /api/v1/exports/materials.{fmt}                                b  b  b  b  b  b  b  b  b  b  b  b  b  b
GET    /api/v1/material-imports                                       L  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /api/v1/material-imports/{import_id}                           L  N  N  N  N  N  N  N  N  N  N  N  N  N
GET    /api/v1/organisations/verification-queue                       L  D  D  D  D  D  D  D  D  D  o  D  D  o
GET    /api/v1/organisations/{organisation_id}/invitations            L  D  D  o  o  D  D  D  D  D  D  D  D  D
GET    /api/v1/organisations/{organisation_id}/members                L  D  o  o  o  D  D  D  D  D  o  o  o  o
GET    /api/v1/partnering/validation-queue                            L  D  D  D  D  D  D  D  D  D  o  D  D  o
GET    /api/v1/programmes/calls/{slug}/outbox                         L  D  D  D  D  D  D  D  D  D  D  o  D  o
GET    /api/v1/programmes/reviewer-roles                              L  o  o  o  o  o  o  o  o  o  o  o  o  o
GET    /api/v1/programmes/reviews/{application_id}/review             L  N  N  N  N  N  N  o  N  N  N  N  N  N
GET    /api/v1/suppliers/{slug}/listings                              L  N  o  o  o  N  N  N  N  N  o  N  N  o
GET    /api/v1/suppliers/{slug}/listings/{material_id}                L  N  N  N  N  N  N  N  N  N  N  N  N  N
PATCH  /api/v1/collections/{collection_id}                            L  N  o  N  N  N  N  N  N  N  N  N  N  N
PATCH  /api/v1/organisations/{organisation_id}                        L  D  D  o  o  D  D  D  D  D  D  D  D  D
PATCH  /api/v1/organisations/{organisation_id}/members/{membership_id} L  D  D  D  o  D  D  D  D  D  D  D  D  D
PATCH  /api/v1/programmes/calls/{slug}/eligibility                    L  D  D  D  D  D  D  D  D  D  D  o  D  o
PATCH  /api/v1/suppliers/{slug}/listings/{material_id}                L  N  D  N  N  N  N  N  N  N  N  N  N  N
POST   /api/v1/collections                                            L  o  o  o  o  o  o  o  o  o  o  o  o  o
POST   /api/v1/collections/{collection_id}/materials                  L  N  o  N  N  N  N  N  N  N  N  N  N  N
POST   /api/v1/collections/{collection_id}/share                      L  N  o  N  N  N  N  N  N  N  N  N  N  N
POST   /api/v1/insights/rollups                                       L  D  D  D  D  D  D  D  D  D  D  D  o  o
POST   /api/v1/invitations/{token}/accept                             L  N  N  N  N  N  N  N  N  N  N  N  N  N
POST   /api/v1/material-imports                                       L  D  D  o  o  D  b  D  D  D  o  D  D  o
POST   /api/v1/material-imports/{import_id}/confirm                   L  N  N  N  N  N  N  N  N  N  N  N  N  N
POST   /api/v1/organisations                                          L  o  o  o  o  o  o  o  o  o  o  o  o  o
POST   /api/v1/organisations/{organisation_id}/invitations            L  D  D  o  o  D  D  D  D  D  D  D  D  D
POST   /api/v1/organisations/{organisation_id}/leave                  L  D  o  o  b  D  D  D  D  D  D  D  D  D
POST   /api/v1/organisations/{organisation_id}/reject                 L  D  D  D  D  D  D  D  D  D  o  D  D  o
POST   /api/v1/organisations/{organisation_id}/transfer               L  D  D  D  o  D  D  D  D  D  D  D  D  D
POST   /api/v1/organisations/{organisation_id}/verification-request   L  D  D  o  o  D  D  D  D  D  D  D  D  D
POST   /api/v1/organisations/{organisation_id}/verify                 L  D  D  D  D  D  D  D  D  D  o  D  D  o
POST   /api/v1/partnering/events/{slug}/agenda/draft                  L  D  D  D  D  D  D  D  D  D  o  o  D  o
POST   /api/v1/partnering/events/{slug}/agenda/publish                L  D  D  D  D  D  D  D  D  D  o  o  D  o
POST   /api/v1/partnering/events/{slug}/meetings/{meeting_id}/status  L  D  D  D  D  D  D  D  D  D  N  N  D  N
POST   /api/v1/partnering/events/{slug}/registrations/{registration_id}/check-in L  D  D  D  D  D  D  D  D  D  N  N  D  N
POST   /api/v1/partnering/listings/validate                           L  D  D  D  D  D  D  D  D  D  N  D  D  N
POST   /api/v1/partnering/listings/{listing_id}/validate              L  D  D  D  D  D  D  D  D  D  b  D  D  b
POST   /api/v1/programmes/calls/{slug}/applications/{application_id}/shortlist L  D  D  D  D  D  D  D  D  D  D  o  D  o
POST   /api/v1/programmes/calls/{slug}/assignments                    L  D  D  D  D  D  D  D  D  D  D  o  D  o
POST   /api/v1/programmes/calls/{slug}/assignments/run                L  D  D  D  D  D  D  D  D  D  D  o  D  o
POST   /api/v1/programmes/calls/{slug}/conflicts/detect               L  D  D  D  D  D  D  D  D  D  D  o  D  o
POST   /api/v1/programmes/calls/{slug}/milestones                     L  D  D  D  D  D  D  D  D  D  D  o  D  o
POST   /api/v1/programmes/calls/{slug}/outbox/send-all                L  D  D  D  D  D  D  D  D  D  D  o  D  o
POST   /api/v1/programmes/calls/{slug}/outbox/{decision_id}/send      L  D  D  D  D  D  D  D  D  D  D  N  D  N
POST   /api/v1/programmes/calls/{slug}/reviewers                      L  D  D  D  D  D  D  D  D  D  D  o  D  o
POST   /api/v1/programmes/cohort/{application_id}/deals               L  N  N  N  N  N  N  N  N  N  N  N  N  N
POST   /api/v1/programmes/cohort/{application_id}/notes               L  N  N  N  N  N  N  N  N  N  N  N  N  N
POST   /api/v1/programmes/cohort/{application_id}/progress            L  N  N  N  N  N  N  N  N  N  N  N  N  N
POST   /api/v1/programmes/reviewer-roles/{reviewer_id}/answer         L  N  N  N  N  N  N  o  N  N  N  N  N  N
POST   /api/v1/programmes/reviews/{application_id}/conflict           L  N  N  N  N  N  N  o  N  N  N  N  N  N
POST   /api/v1/suppliers/{slug}/listings                              L  N  D  o  o  N  N  N  N  N  o  N  N  o
POST   /api/v1/suppliers/{slug}/listings/{material_id}/archive        L  N  D  N  N  N  N  N  N  N  N  N  N  N
POST   /api/v1/suppliers/{slug}/listings/{material_id}/images         L  N  D  N  N  N  N  N  N  N  N  N  N  N
POST   /api/v1/suppliers/{slug}/listings/{material_id}/submit         L  N  D  N  N  N  N  N  N  N  N  N  N  N
PUT    /api/v1/programmes/calls/{slug}/applications/{application_id}/decision L  D  D  D  D  D  D  D  D  D  D  o  D  o
PUT    /api/v1/programmes/reviews/{application_id}/review             L  N  N  N  N  N  N  o  N  N  N  N  N  N
# issue 16 item 1, continued (2026-12-04): the library's authors, readers and staff, the
# heritage pages' staff, and the moderators' decisions on listings
POST   /api/v1/knowledge/entries                                      L  b  o  o  o  b  b  b  b  b  b  b  b  b
PUT    /api/v1/knowledge/entries/{slug}/details                       L  N  o  o  o  N  N  N  N  N  N  N  N  N
POST   /api/v1/knowledge/entries/{slug}/versions                      L  N  o  o  o  N  N  N  N  N  N  N  N  N
PATCH  /api/v1/knowledge/entries/{slug}/versions/{language}           L  N  o  o  o  N  N  N  N  N  N  N  N  N
POST   /api/v1/knowledge/entries/{slug}/versions/{language}/restore   L  N  o  o  o  N  N  N  N  N  N  N  N  N
POST   /api/v1/knowledge/entries/{slug}/versions/{language}/submit    L  N  b  b  b  N  N  N  N  N  N  N  N  N
POST   /api/v1/knowledge/entries/{slug}/versions/{language}/archive   L  N  o  o  o  N  N  N  N  N  o  N  N  o
POST   /api/v1/knowledge/entries/{slug}/versions/{language}/attachments L  N  o  o  o  N  N  N  N  N  N  N  N  N
POST   /api/v1/knowledge/entries/{slug}/versions/{language}/publish   L  D  D  D  D  D  D  D  D  D  b  D  D  b
POST   /api/v1/knowledge/entries/{slug}/versions/{language}/return    L  D  D  D  D  D  D  D  D  D  o  D  D  o
DELETE /api/v1/knowledge/entries/{slug}/attachments/{attachment_id}   L  N  N  N  N  N  N  N  N  N  N  N  N  N
POST   /api/v1/knowledge/entries/{slug}/useful                        L  o  b  b  b  o  o  o  o  o  o  o  o  o
POST   /api/v1/knowledge/entries/{slug}/questions                     L  o  o  o  o  o  o  o  o  o  o  o  o  o
POST   /api/v1/knowledge/entries/{slug}/questions/{question_id}/answer L  N  b  b  b  N  N  N  N  N  N  N  N  N
POST   /api/v1/knowledge/entries/{slug}/translation-requests          L  o  o  o  o  o  o  o  o  o  o  o  o  o
POST   /api/v1/knowledge/questions/{question_id}/publish              L  D  D  D  D  D  D  D  D  D  o  D  D  o
POST   /api/v1/knowledge/questions/{question_id}/reject               L  D  D  D  D  D  D  D  D  D  o  D  D  o
POST   /api/v1/knowledge/events/{slug}/library                        L  D  D  D  D  D  D  D  D  D  b  D  D  b
PUT    /api/v1/knowledge/themes/{concept_id}/text                     L  D  D  D  D  D  D  D  D  D  N  D  D  N
POST   /api/v1/knowledge/themes/{concept_id}/images                   L  D  D  D  D  D  D  D  D  D  N  D  D  N
DELETE /api/v1/knowledge/themes/{concept_id}/images/{image_id}        L  D  D  D  D  D  D  D  D  D  N  D  D  N
POST   /api/v1/material-moderation/{material_id}/publish              L  D  D  D  D  D  D  D  D  D  b  D  D  b
POST   /api/v1/material-moderation/{material_id}/reject               L  D  D  D  D  D  D  D  D  D  o  D  D  o
# issue 16 item 1, partnering and applications share (2026-12-04): listing actions, interest
# messages, saved searches; an application's answers, pitch deck and withdrawal
POST   /api/v1/partnering/listings/{listing_id}/archive               L  D  o  o  o  D  D  D  D  D  o  D  D  o
POST   /api/v1/partnering/listings/{listing_id}/renew                 L  D  o  o  o  D  D  D  D  D  D  D  D  D
POST   /api/v1/partnering/listings/{listing_id}/open                  L  D  o  o  o  D  D  D  D  D  D  D  D  D
POST   /api/v1/partnering/listings/{listing_id}/matches/{counterpart_id}/dismiss L  N  N  N  N  N  N  N  N  N  N  N  N  N
POST   /api/v1/partnering/interests/{interest_id}/messages            L  N  b  b  b  N  N  N  N  N  D  D  D  D
GET    /api/v1/partnering/searches                                    L  o  o  o  o  o  o  o  o  o  o  o  o  o
POST   /api/v1/partnering/searches                                    L  o  o  o  o  o  o  o  o  o  o  o  o  o
DELETE /api/v1/partnering/searches/{search_id}                        L  N  o  N  N  N  N  N  N  N  N  N  N  N
POST   /api/v1/partnering/projects/{project_id}/partners              L  N  o  o  o  N  N  N  N  N  D  D  D  D
POST   /api/v1/partnering/projects/{project_id}/decline               L  N  b  b  b  N  N  N  N  N  D  D  D  D
POST   /api/v1/partnering/projects/{project_id}/milestones/{milestone_id}/done L  N  N  N  N  N  N  N  N  N  N  N  N  N
DELETE /api/v1/partnering/projects/{project_id}/milestones/{milestone_id} L  N  N  N  N  N  N  N  N  N  N  N  N  N
POST   /api/v1/partnering/events/{slug}/registrations                 L  D  b  o  o  D  D  D  D  D  D  D  D  D
POST   /api/v1/partnering/events/{slug}/unavailable                   L  D  o  D  D  D  D  D  D  D  D  D  D  D
PUT    /api/v1/partnering/events/meetings/{meeting_id}/rating         L  N  N  N  N  N  N  N  N  N  N  N  N  N
PUT    /api/v1/partnering/events/meetings/{meeting_id}/outcome        L  N  N  N  N  N  N  N  N  N  N  N  N  N
POST   /api/v1/partnering/listings/{listing_id}/attachments           L  D  o  o  o  D  D  D  D  D  D  D  D  D
DELETE /api/v1/partnering/listings/{listing_id}/attachments/{attachment_id} L  N  N  N  N  N  N  N  N  N  N  N  N  N
PUT    /api/v1/partnering/organisations/{organisation_id}/profile     L  D  o  o  o  D  D  D  D  D  D  D  D  D
PUT    /api/v1/programmes/applications/{application_id}/answers/{question_id} L  N  b  b  b  N  N  N  N  N  N  N  N  N
POST   /api/v1/programmes/applications/{application_id}/answers/{question_id}/file L  N  o  o  o  N  N  N  N  N  N  N  N  N
POST   /api/v1/programmes/applications/{application_id}/pitch-deck    L  N  o  o  o  N  N  N  N  N  N  N  N  N
POST   /api/v1/programmes/applications/{application_id}/withdraw      L  N  o  o  o  N  N  N  N  N  N  N  N  N
"""


def parse_table(text: str) -> dict[tuple[str, str], dict[str, str]]:
    rows = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        method, path, *cells = line.split()
        assert len(cells) == len(COLUMNS), f"{method} {path}: {len(cells)} cells"
        assert (method, path) not in rows, f"{method} {path}: two rows"
        rows[(method, path)] = dict(zip(COLUMNS, cells, strict=True))
    return rows
