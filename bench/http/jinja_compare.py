"""The catalog's 24 material cards rendered by the Django template language and by Jinja2.

Run inside `manage.py shell` (bench/http/run.py --jinja does). The cards are the hottest
repeated fragment of the slowest page (the profiles put 46–59% of the catalog's time in
templates). Both engines get the same card objects, already read from the database, and call
the same Python helpers for prices, quantities, thumbnails and URLs, so the difference is the
engines' own work. Prints one JSON line.
"""

import json
import os
import time

import jinja2
from django.template import engines
from django.utils import translation
from django.utils.translation import gettext, ngettext

from bridge.materials.selectors import catalog as selectors
from bridge.materials.selectors import money
from bridge.materials.templatetags.materials_tags import (
    days,
    material_url,
    price_per_unit,
    quantity,
)
from bridge.materials.templatetags.thumbnails import image_srcset, thumbnail_url

N = int(os.environ.get("BENCH_JINJA_N", "200"))

DTL = (
    "{% for card in cards %}{% include 'materials/catalog/_card.html' with "
    "material=card.material price=card.price title_html=card.title_html snippet=card.snippet %}"
    "{% endfor %}"
)

# _card.html, line for line, in Jinja2.
JINJA = """{% for card in cards %}{% set material = card.material %}{% set price = card.price %}{% set url = material_url(material) %}
<li class="card material-card">
  <a class="material-photo" href="{{ url }}" tabindex="-1" aria-hidden="true">
    {% set image = material.images.all()|first %}{% if image %}<img src="{{ image|thumbnail_url(640) }}" srcset="{{ image|image_srcset }}" sizes="(min-width: 40rem) 20rem, 100vw" alt="" loading="lazy">{% else %}<span class="material-placeholder"></span>{% endif %}
  </a>
  <div class="material-body">
    <h3 class="material-name"><a href="{{ url }}">{% if card.title_html %}{{ card.title_html }}{% else %}{{ material.display_name() }}{% endif %}</a></h3>
    <p class="muted small material-meta">{{ material.supplier.name }} · {{ material.origin_country.name }}</p>
    {% if card.snippet %}<p class="small material-snippet">{{ card.snippet }}</p>{% endif %}
    <p class="material-price">
      {% if price is not none %}<strong>{{ price_per_unit(price, currency, material.unit) }}</strong>{% if currency != material.currency %} <span class="muted small" title="{{ _("Price set by the supplier") }}">{{ price_per_unit(material.price, material.currency, material.unit) }}</span>{% endif %}
      {% else %}<strong>{{ price_per_unit(material.price, material.currency, material.unit) }}</strong>{% endif %}
    </p>
    <dl class="material-facts small">
      <div><dt>{{ _("Min. order") }}</dt><dd>{{ quantity(material.moq, material.unit) }}</dd></div>
      <div><dt>{{ _("Lead time") }}</dt><dd>{{ days(material.lead_time_days) }}</dd></div>
    </dl>
    <div class="badges">{% if material.sample_available %}<span class="badge badge-ok">{{ _("Sample available") }}</span>{% else %}<span class="badge">{{ _("No sample") }}</span>{% endif %}</div>
  </div>
</li>{% endfor %}"""


def _cards():
    rates = money.exchange_rates()
    page = selectors.catalog_search(
        filters=selectors.CatalogFilters(currency="USD"), rates=rates, page=1, page_size=24
    )
    return [
        {
            "material": material,
            "title_html": None,
            "snippet": "",
            "price": money.rounded(rates.convert(material.price, material.currency, "USD"), "USD"),
        }
        for material in page.materials
    ]


def _time(render) -> float:
    for _ in range(5):
        render()
    start = time.perf_counter()
    for _ in range(N):
        render()
    return (time.perf_counter() - start) * 1000 / N


def main() -> None:
    translation.activate("ru")
    cards = _cards()
    context = {"cards": cards, "currency": "USD"}
    dtl = engines["django"].from_string(DTL)
    env = jinja2.Environment(autoescape=True, extensions=["jinja2.ext.i18n"])
    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    env.globals.update(
        material_url=material_url, price_per_unit=price_per_unit, quantity=quantity, days=days
    )
    env.filters.update(thumbnail_url=thumbnail_url, image_srcset=image_srcset)
    jinja = env.from_string(JINJA)
    dtl_html = dtl.render(context)
    jinja_html = jinja.render(context)
    assert dtl_html.count("material-card") == jinja_html.count("material-card") == len(cards)
    result = {
        "cards": len(cards),
        "dtl_ms": round(_time(lambda: dtl.render(context)), 2),
        "jinja_ms": round(_time(lambda: jinja.render(context)), 2),
    }
    print(json.dumps(result))


main()
