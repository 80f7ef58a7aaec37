"""Search and article pages, and their JSON twins: one service call each, two representations."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup
from sqlalchemy.orm import Session

from app.deps import ArticleQueryDep, RowId, SessionDep, data_memo, get_article
from app.errors import documented
from app.responses import json_of
from app.schemas import CAP_FR, ArticleDetail, SearchResult
from app.search.base import TOTAL_CAP, FacetNames, facet_names
from app.search_page import search_context
from app.services.articles import RELATED_WINDOW, Window, article_detail, recent_links
from app.services.entities import ENTITY_LIST, list_entities
from app.services.search import Recall, search_articles
from app.templating import page, templates

router = APIRouter()


@router.get(
    "/api/articles",
    tags=["articles"],
    summary="Rechercher les articles",
    description="Articles correspondant à la recherche : total, une page de résultats avec extraits surlignés, facettes. `company=` inclut les produits de l'entreprise. "
    f"Le total est exact jusqu'à {CAP_FR} résultats ; au-delà, la réponse donne `total: {TOTAL_CAP}` et `total_exact: false` (« plus de {CAP_FR} résultats ») "
    f"et seuls les {CAP_FR} premiers résultats se parcourent : une page au-delà revient vide, précisez la recherche pour aller plus loin.",
    response_description="Réponse",
    response_model=SearchResult,
    responses=documented(422),
)
def api_articles(request: Request, session: SessionDep, aq: ArticleQueryDep) -> Response:
    """Articles with total, items and facets; `company=` includes the company's products."""
    return json_of(search_articles(session, aq, _search_memo(request), _facet_names(request, session)))


@router.get("/recherche", response_class=HTMLResponse, include_in_schema=False)
def search_page(request: Request, session: SessionDep, aq: ArticleQueryDep) -> HTMLResponse:
    """Search with facets, active filters, highlighted snippets, sort and pagination (GET only, no script)."""
    result = search_articles(session, aq, _search_memo(request), _facet_names(request, session))
    entities = data_memo(request, ENTITY_LIST, lambda: list_entities(session))
    json_url = "/api/articles" + (f"?{request.url.query}" if request.url.query else "")
    context = search_context(aq, result, entities)
    # what the context lists depends on the data only (the entities that have articles)
    company_options, product_options = data_memo(
        request, SEARCH_OPTIONS, lambda: entity_options(context["entities"])
    )
    return page(
        request,
        "search.html",
        aq=aq,
        result=result,
        json_url=json_url,
        company_options=company_options,
        product_options=product_options,
        **context,
    )


SEARCH_OPTIONS = "search-options"


def entity_options(entities: dict[str, list[Any]]) -> tuple[Markup, Markup]:
    """The <option>s of the search form's company and product lists (search_context's `entities`), none
    selected: the same for every search until the data changes; rendering them took 2 ms of a search page."""
    options = templates.env.get_template("partials/_options.html").module.options  # type: ignore[attr-defined]
    return Markup(options(entities["companies"], None)), Markup(options(entities["products"], None))


FACET_NAMES = "facet-names"


def _facet_names(request: Request, session: Session) -> FacetNames:
    """The names facets show (entities, sources), read once per state of the data."""
    return data_memo(request, FACET_NAMES, lambda: facet_names(session))


def _search_memo(request: Request) -> Recall | None:
    """What the search backend answered for each search (words, filters, order), once per state of the data,
    shared by the pages and page sizes of that search, on the page and in the API (a bounded number kept)."""
    stamp = getattr(request.state, "stamp", None)
    if stamp is None:
        return None
    keeper = request.app.state.stamps
    return lambda key, compute: keeper.recall("search", key, stamp.token, compute)


def _windows(request: Request, session: Session) -> Window:
    """Each entity's most recent articles (where related articles are looked for), read once per state of the
    data: reading them took a third of the CPU of an article page."""
    return lambda eid: data_memo(
        request, f"related-window:{eid}", lambda: recent_links(session, [eid], RELATED_WINDOW)
    )


@router.get(
    "/api/articles/{article_id}",
    tags=["articles"],
    summary="Un article, son incident et les articles liés",
    description="Les données de la page `/articles/{id}` : l'article (résumé, jamais le texte intégral), l'incident qu'il signale et les articles liés.",
    response_description="Réponse",
    response_model=ArticleDetail,
    responses=documented(404, 422),
)
def api_article(request: Request, session: SessionDep, article_id: RowId) -> Response:
    article = get_article(article_id, session)
    return json_of(article_detail(session, article, _windows(request, session)))


@router.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
def article_page(request: Request, session: SessionDep, article_id: RowId) -> HTMLResponse:
    """An article: summary, entities, the outage it reports, the original link and related articles."""
    article = get_article(article_id, session)
    a = article_detail(session, article, _windows(request, session))
    return page(request, "article.html", a=a, incident=a.incident, json_url=f"/api/articles/{article.id}")
